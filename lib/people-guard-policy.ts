import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GUARD_MAX_ENDPOINTS, guardDocument, MFA_SELF_SERVICE_ACTIONS } from './guard-document';

export { MFA_SELF_SERVICE_ACTIONS };

export interface PeopleGuardPolicyProps {
  /** Public addresses sign-ins and API calls must come from (config `network.allowedSourceCidrs`). */
  readonly allowedSourceCidrs: readonly string[];
  /**
   * Public addresses of the VPC's own egress (the NAT's Elastic IP, a deploy-time token),
   * allowed as `<ip>/32` besides `allowedSourceCidrs`: full-tunnel VPN users leave through them.
   * @default []
   */
  readonly egressPublicIps?: readonly string[];
  /** This stack's VPC: requests from it pass. */
  readonly vpcId: string;
  /** This stack's VPC endpoints (at most `GUARD_MAX_ENDPOINTS`): requests through them pass, through any other endpoint they do not. */
  readonly endpointIds: readonly string[];
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
 * on one's own user, nothing else without MFA, nothing at all from outside the VPN or this
 * stack's VPC and endpoints. Attached to groups, never users, so a person has no directly
 * attached policy. The document is lib/guard-document.ts's, which validation sizes too.
 */
export class PeopleGuardPolicy extends Construct {
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: PeopleGuardPolicyProps) {
    super(scope, id);
    if (props.endpointIds.length > GUARD_MAX_ENDPOINTS) {
      throw new Error(`PeopleGuardPolicy: at most ${GUARD_MAX_ENDPOINTS} endpoints (validation sizes the guard with that many), got ${props.endpointIds.length}`);
    }
    const document = guardDocument({
      partition: Aws.PARTITION,
      accountId: Aws.ACCOUNT_ID,
      allowedSources: [...props.allowedSourceCidrs, ...(props.egressPublicIps ?? []).map((ip) => `${ip}/32`)],
      endpointIds: props.endpointIds,
      vpcId: props.vpcId,
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: props.managedPolicyName,
      description: "Every person: MFA self-service only until signed in with MFA; no access from outside the VPN or this stack's VPC and endpoints",
      document: iam.PolicyDocument.fromJson(document),
      groups: [...props.groups],
    });
  }
}
