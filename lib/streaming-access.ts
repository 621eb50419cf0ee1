import { Aws } from 'aws-cdk-lib';
import type * as appstream from 'aws-cdk-lib/aws-appstream';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** The policy variable AppStream's user id must equal: the caller's own IAM user name (= person id, CONTRACT §2). */
export const OWN_USER_ID = '${aws:username}';

export interface StreamingAccessProps {
  /** The AppStream stack people stream from. */
  readonly stack: appstream.CfnStack;
  /** The fleet behind the stack. */
  readonly fleet: appstream.CfnFleet;
  /** The groups whose members may open a workstation (the coders' groups). */
  readonly groups: readonly iam.IGroup[];
  /** The AppStream API interface endpoint: requests from the browser arrive through it. */
  readonly apiEndpoint: ec2.IInterfaceVpcEndpoint;
  /** The VPC id: console requests made on the person's behalf carry `aws:SourceVpc` (Console Private Access). */
  readonly vpcId: string;
}

/**
 * A person opens their own workstation from the console: `appstream:CreateStreamingURL` on our
 * stack and fleet, only when signed in with MFA and only through this VPC (the AppStream API
 * endpoint, or the private console, which stamps `aws:SourceVpc`), for the user id that is their
 * own IAM user name. People need no access keys: they sign in to the console and create the URL
 * in the AppStream console (README, "A coder's first day").
 *
 * The user-id limit is written as `StringEqualsIfExists appstream:userId = ${aws:username}`:
 * AWS's service authorization reference defines `appstream:userId` for `appstream:Stream` (SAML
 * federation) but not for `CreateStreamingURL`, whose request carries no such key today, so a
 * plain `StringEquals` would never match and nobody could open a workstation. Until AWS sets the
 * key, the limit is detective: CloudTrail records each CreateStreamingURL with the caller
 * (`userIdentity.userName`) and the `userId` asked for, and the audit reports a mismatch
 * (shared-credentials `streaming-as-another-user`, checks/rules/streaming-identity.ts).
 */
export class StreamingAccess extends Construct {
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: StreamingAccessProps) {
    super(scope, id);
    const arn = (resource: string) => `arn:${Aws.PARTITION}:appstream:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
    // CfnStack and CfnFleet return their name as Ref.
    const stackArn = arn(`stack/${props.stack.ref}`);
    const fleetArn = arn(`fleet/${props.fleet.ref}`);
    const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    // Two statements per grant because IAM ANDs condition keys: one per network path into this VPC.
    const paths: [string, Record<string, string>][] = [
      ['ThroughAppStreamEndpoint', { 'aws:SourceVpce': props.apiEndpoint.vpcEndpointId }],
      ['ThroughPrivateConsole', { 'aws:SourceVpc': props.vpcId }],
    ];
    const statements = paths.flatMap(([path, network]) => [
      new iam.PolicyStatement({
        sid: `CreateOwnStreamingUrl${path}`,
        actions: ['appstream:CreateStreamingURL'],
        resources: [stackArn, fleetArn],
        conditions: { ...mfa, StringEquals: network, StringEqualsIfExists: { 'appstream:userId': OWN_USER_ID } },
      }),
      new iam.PolicyStatement({
        sid: `SeeTheWorkstationStack${path}`,
        actions: ['appstream:ListAssociatedFleets'],
        resources: [stackArn],
        conditions: { ...mfa, StringEquals: network },
      }),
      // The AppStream console lists stacks and fleets to offer "Create streaming URL"; these List
      // actions have no resource-level permissions (IAM accepts only "*") and return metadata only.
      new iam.PolicyStatement({
        sid: `ListWorkstations${path}`,
        actions: ['appstream:DescribeStacks', 'appstream:DescribeFleets'],
        resources: ['*'],
        conditions: { ...mfa, StringEquals: network },
      }),
    ]);
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: "Open one's own AppStream workstation: streaming URLs with MFA, through the VPC",
      statements,
      groups: [...props.groups],
    });
  }
}
