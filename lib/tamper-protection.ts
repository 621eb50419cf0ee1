import { Aws, CfnResource, type IAspect, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import { type ProtectedKind, TAMPER_ACTIONS } from './tamper-actions';

/** ARNs (or tokens) of the resources the denies protect, by kind; a kind without resources gets no statement. */
export type ProtectedResources = Partial<Record<ProtectedKind, readonly string[]>>;

export interface TamperProtectionProps {
  /** The resources to protect, by kind. */
  readonly resources: ProtectedResources;
  /** People's groups: every person gets the denies. */
  readonly groups: readonly iam.IGroup[];
}

/**
 * Explicit denies on stopping or narrowing the trail and weakening what keeps it (45 CFR
 * 164.312(b), 164.316(b)(2)(i)): one customer managed policy attached to every people group and to
 * every role this stack creates, CDK's helper roles included (an aspect finds them at synth).
 * An explicit Deny wins over any Allow a grant adds later. The only path left is the one that
 * deploys the stack: CloudFormation with the CDK bootstrap's execution role, which is not a role
 * of this stack. For the account's other roles, use the optional SCP (lib/tamper-scp.ts).
 */
export class TamperProtection extends Construct {
  public readonly policy: iam.CfnManagedPolicy;
  private readonly roles: CfnResource[] = [];

  constructor(scope: Construct, id: string, props: TamperProtectionProps) {
    super(scope, id);
    const statements = (Object.entries(props.resources) as [ProtectedKind, readonly string[]][])
      .filter(([, arns]) => arns.length > 0)
      .map(([kind, arns]) => ({
        Sid: `DenyTampering${kind[0].toUpperCase()}${kind.slice(1)}`,
        Effect: 'Deny',
        Action: [...TAMPER_ACTIONS[kind]],
        Resource: [...arns],
      }));
    this.policy = new iam.CfnManagedPolicy(this, 'Policy', {
      description: 'Nobody but the CloudFormation deployment may stop or narrow the trail, or weaken its archive, keys, log groups, flow logs, VPN or workstations',
      policyDocument: { Version: '2012-10-17', Statement: statements },
      groups: props.groups.length > 0 ? props.groups.map((g) => g.groupName) : undefined,
      roles: Lazy.list({ produce: () => (this.roles.length > 0 ? this.roles.map((r) => r.ref) : undefined) }),
    });
    this.node.addValidation({ validate: () => (statements.length === 0 ? ['TamperProtection: no protected resources'] : []) });
  }

  /** Attach the denies to a role resource of this stack (CfnRole or CDK's raw helper role). */
  public attachToRole(role: CfnResource): void {
    if (!this.roles.includes(role)) this.roles.push(role);
  }
}

/** Attaches the stack's tamper denies to every IAM role of the stack, whoever created it. */
export class TamperDeniesOnEveryRole implements IAspect {
  constructor(private readonly protection: TamperProtection) {}

  visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || node.cfnResourceType !== 'AWS::IAM::Role') return;
    if (Stack.of(node) !== Stack.of(this.protection)) {
      node.node.addValidation({ validate: () => [`${node.node.path}: a role outside the stack that holds the tamper denies; create roles in ${Stack.of(this.protection).node.path}`] });
      return;
    }
    this.protection.attachToRole(node);
  }
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` for this stack. */
export function stackArn(service: string, resource: string): string {
  return `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
}
