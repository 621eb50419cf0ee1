import { DefaultStackSynthesizer, Stack, type StackProps } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';
import { allTamperActions, cfnExecutionRolePattern } from './tamper-actions';

/** AWS Organizations' limit on a service control policy's document. */
export const SCP_MAX_CHARS = 5120;

export interface TamperProtectionScpProps {
  /** Accounts, OUs or the root the policy is attached to (`123456789012`, `ou-...`, `r-...`). */
  readonly targetIds: readonly string[];
  /**
   * Qualifier of the CDK bootstrap in the member accounts: its CloudFormation execution role
   * (`cdk-<qualifier>-cfn-exec-role-<account>-<region>`) is the one principal exempt.
   * @default 'hnb659fds' (CDK's default)
   */
  readonly bootstrapQualifier?: string;
  /**
   * The policy's name.
   * @default 'coding-env-tamper-protection'
   */
  readonly name?: string;
}

/**
 * The tamper denies as a service control policy, for an account in AWS Organizations: it binds
 * every principal of the member accounts (roles this stack does not create, the account's other
 * administrators), which identity policies cannot. Deploy it from the organization's management
 * account (or a delegated administrator). The one exemption is the CloudFormation execution
 * role of the CDK bootstrap, which deploys the environment. SCPs never bind the management account.
 */
export class TamperProtectionScp extends Construct {
  public readonly policy: organizations.CfnPolicy;
  public readonly document: { Version: string; Statement: unknown[] };

  constructor(scope: Construct, id: string, props: TamperProtectionScpProps) {
    super(scope, id);
    const qualifier = props.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    this.document = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyAuditTrailTamperingButTheDeployment',
          Effect: 'Deny',
          Action: allTamperActions(),
          Resource: '*',
          Condition: { ArnNotLike: { 'aws:PrincipalArn': [cfnExecutionRolePattern(qualifier)] } },
        },
      ],
    };
    const size = JSON.stringify(this.document).length;
    if (size > SCP_MAX_CHARS) throw new Error(`TamperProtectionScp: the policy is ${size} characters; Organizations allows ${SCP_MAX_CHARS}`);
    this.policy = new organizations.CfnPolicy(this, 'Policy', {
      name: props.name ?? 'coding-env-tamper-protection',
      description: 'Coding environment: nobody but the CloudFormation deployment may silence or weaken the audit trail',
      type: 'SERVICE_CONTROL_POLICY',
      content: this.document,
      targetIds: [...props.targetIds],
    });
  }
}

/** A stack holding only the SCP, to deploy from the management account. */
export class TamperProtectionScpStack extends Stack {
  public readonly scp: TamperProtectionScp;

  constructor(scope: Construct, id: string, props: StackProps & TamperProtectionScpProps) {
    super(scope, id, props);
    this.scp = new TamperProtectionScp(this, 'Scp', props);
  }
}
