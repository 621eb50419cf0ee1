import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** What a person may do before signing in with MFA: set up their own MFA device and password. */
export const MFA_SELF_SERVICE_ACTIONS = [
  'iam:GetUser',
  'iam:ChangePassword',
  'iam:GetAccountPasswordPolicy',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:ResyncMFADevice',
  'sts:GetSessionToken',
] as const;

export interface PeopleGuardPolicyProps {
  /** Public addresses sign-ins and API calls must come from (config `network.allowedSourceCidrs`). */
  readonly allowedSourceCidrs: readonly string[];
  /**
   * Public addresses of the VPC's own egress (the NAT's Elastic IP, a deploy-time token),
   * allowed as `<ip>/32` besides `allowedSourceCidrs`: full-tunnel VPN users leave through them.
   * @default []
   */
  readonly egressPublicIps?: readonly string[];
  /** The groups every person belongs to through their role; the guard is attached to each. */
  readonly groups: readonly iam.IGroup[];
  /**
   * The managed policy's name.
   * @default - a name CloudFormation generates
   */
  readonly managedPolicyName?: string;
}

/**
 * The guard every person's group carries (45 CFR 164.312(d), 164.312(e)(1)): MFA self-service
 * on one's own user, nothing else without MFA, nothing at all from outside the VPN/VPC.
 * Attached to groups, never users, so a person has no directly attached policy.
 */
export class PeopleGuardPolicy extends Construct {
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: PeopleGuardPolicyProps) {
    super(scope, id);
    const iamArn = (resource: string) => `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:${resource}`;
    const allowedSources = [...props.allowedSourceCidrs, ...(props.egressPublicIps ?? []).map((ip) => `${ip}/32`)];

    const statements = [
      new iam.PolicyStatement({
        sid: 'AllowOwnMfaAndPassword',
        actions: ['iam:GetUser', 'iam:ChangePassword', 'iam:ListMFADevices', 'iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ResyncMFADevice'],
        resources: [iamArn('user/${aws:username}'), iamArn('mfa/${aws:username}')],
      }),
      new iam.PolicyStatement({
        sid: 'AllowListingMfaDevicesAndPasswordPolicy',
        actions: ['iam:ListVirtualMFADevices', 'iam:GetAccountPasswordPolicy'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'DenyAllButMfaSelfServiceWithoutMfa',
        effect: iam.Effect.DENY,
        notActions: [...MFA_SELF_SERVICE_ACTIONS],
        resources: ['*'],
        conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
      new iam.PolicyStatement({
        sid: 'DenyOutsideVpnOrVpc',
        effect: iam.Effect.DENY,
        actions: ['*'],
        resources: ['*'],
        conditions: {
          // With no allowed public address, only requests through a VPC endpoint pass.
          ...(allowedSources.length > 0 ? { NotIpAddress: { 'aws:SourceIp': allowedSources } } : {}),
          Null: { 'aws:SourceVpce': 'true' },
          // AWS services calling on the person's behalf (e.g. CloudFormation, KMS via S3) use their own addresses.
          Bool: { 'aws:ViaAWSService': 'false' },
        },
      }),
    ];

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: props.managedPolicyName,
      description: 'Every person: MFA self-service only until signed in with MFA; no access from outside the VPN or VPC',
      statements,
      groups: [...props.groups],
    });
  }
}
