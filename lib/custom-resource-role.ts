import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface CustomResourceRoleProps {
  /** The six-year group the provider Lambda logs to. */
  readonly logGroup: logs.ILogGroup;
}

/**
 * The execution role of the one Lambda behind every `AwsCustomResource` in the stack, with a
 * customer managed policy holding exactly the SDK calls the custom resources make (added with
 * `allow`) and writes to its own log group: no AWS managed policy, no inline policy.
 */
export class CustomResourceRole extends Construct {
  public readonly role: iam.Role;
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: CustomResourceRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'AwsCustomResource provider: deploy-time SDK calls of this stack',
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'AwsCustomResource provider: its SDK calls and its log group only',
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [props.logGroup.logGroupArn],
        }),
      ],
    });
  }

  /** Allow the provider one more SDK call; these calls have no resource-level permissions, hence "*". */
  allow(sid: string, actions: string[]): void {
    this.policy.addStatements(new iam.PolicyStatement({ sid, actions, resources: ['*'] }));
  }
}
