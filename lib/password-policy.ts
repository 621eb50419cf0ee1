import type * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { CustomResourceRole } from './custom-resource-role';

/** The account password policy (45 CFR 164.308(a)(5)(ii)(D)), in `UpdateAccountPasswordPolicy` terms. */
export const ACCOUNT_PASSWORD_POLICY = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  PasswordReusePrevention: 24,
  MaxPasswordAge: 90,
  HardExpiry: false,
} as const;

export interface AccountPasswordPolicyProps {
  /** Six-year KMS log group the provider Lambda logs to. */
  readonly logGroup: logs.ILogGroup;
  /** The provider's role; the call this construct makes is added to its managed policy. */
  readonly role: CustomResourceRole;
}

/**
 * Sets the account password policy through IAM `UpdateAccountPasswordPolicy`; CloudFormation
 * has no resource for it. The policy stays in place when the stack is deleted.
 */
export class AccountPasswordPolicy extends Construct {
  public readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: AccountPasswordPolicyProps) {
    super(scope, id);
    props.role.allow('UpdateAccountPasswordPolicy', ['iam:UpdateAccountPasswordPolicy']);
    const call: cr.AwsSdkCall = {
      service: 'IAM',
      action: 'updateAccountPasswordPolicy',
      parameters: ACCOUNT_PASSWORD_POLICY,
      physicalResourceId: cr.PhysicalResourceId.of('account-password-policy'),
    };
    this.resource = new cr.AwsCustomResource(this, 'Resource', {
      onCreate: call,
      onUpdate: call,
      role: props.role.role,
      logGroup: props.logGroup,
      installLatestAwsSdk: false,
    });
    // The provider may run only once its managed policy allows the call.
    this.resource.node.addDependency(props.role.policy);
  }
}
