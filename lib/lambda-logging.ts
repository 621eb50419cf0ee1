import { CfnResource, type IAspect, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { SixYearLogGroup } from './six-year-log-group';

/**
 * Gives every Lambda function in scope that has no `LoggingConfig` (CDK's own helpers: the
 * default-security-group restrictor, AwsCustomResource providers, ...) its own six-year KMS log
 * group. Without it they would log to `/aws/lambda/<name>`, kept forever and unencrypted, or
 * need `logRetention`, which cannot encrypt.
 *
 * CDK's helper roles come with the AWS managed `AWSLambdaBasicExecutionRole` (logs on "*"): it is
 * removed, and the role gets a customer managed policy writing to its function's group only.
 */
export class SixYearLambdaLogging implements IAspect {
  constructor(private readonly encryptionKey: kms.IKey) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource)) return;
    if (node.cfnResourceType === 'AWS::IAM::Role') return withoutAwsManagedPolicies(node);
    if (node.cfnResourceType !== lambda.CfnFunction.CFN_RESOURCE_TYPE_NAME) return;
    // L1 functions expose their LoggingConfig; CDK's provider functions are raw CfnResources
    // that never set one.
    if (node instanceof lambda.CfnFunction && node.loggingConfig !== undefined) return;
    const scope = node.node.scope;
    if (scope === undefined) return;
    const logGroup = new SixYearLogGroup(scope, `${node.node.id}SixYearLogs`, { encryptionKey: this.encryptionKey });
    node.addPropertyOverride('LoggingConfig', { LogGroup: logGroup.logGroupName });
    // The group must exist (with its key) before the function first logs.
    node.node.addDependency(logGroup);

    const role = roleOf(node);
    if (role !== undefined) {
      const policy = new iam.CfnManagedPolicy(scope, `${node.node.id}SixYearLogsWriter`, {
        description: `${node.node.path}: write to its own six-year log group only`,
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: logGroup.logGroupArn }],
        },
        roles: [role.ref],
      });
      node.node.addDependency(policy);
    }
  }
}

/** AWS managed policy ARNs look like `arn:<partition>:iam::aws:policy/...`. */
export function isAwsManagedPolicyArn(value: unknown): boolean {
  return JSON.stringify(value).includes(':iam::aws:policy/');
}

function withoutAwsManagedPolicies(role: CfnResource): void {
  const rendered = Stack.of(role).resolve(role._toCloudFormation()) as { Resources: Record<string, { Properties?: { ManagedPolicyArns?: unknown[] } }> };
  const arns = Object.values(rendered.Resources)[0]?.Properties?.ManagedPolicyArns;
  if (!Array.isArray(arns) || !arns.some(isAwsManagedPolicyArn)) return;
  const kept = arns.filter((a) => !isAwsManagedPolicyArn(a));
  if (kept.length === 0) role.addPropertyDeletionOverride('ManagedPolicyArns');
  else role.addPropertyOverride('ManagedPolicyArns', kept);
}

/** The role a raw function resource runs with (`Role: { Fn::GetAtt: [<role>, Arn] }`), if it is a resource of the stack. */
function roleOf(fn: CfnResource): CfnResource | undefined {
  const stack = Stack.of(fn);
  const rendered = stack.resolve(fn._toCloudFormation()) as { Resources: Record<string, { Properties?: { Role?: unknown } }> };
  const roleRef = Object.values(rendered.Resources)[0]?.Properties?.Role;
  const getAtt = typeof roleRef === 'object' && roleRef !== null ? (roleRef as { 'Fn::GetAtt'?: unknown[] })['Fn::GetAtt'] : undefined;
  if (!Array.isArray(getAtt) || typeof getAtt[0] !== 'string') return undefined;
  const logicalId = getAtt[0];
  return stack.node
    .findAll()
    .find((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::IAM::Role' && stack.resolve(c.logicalId) === logicalId);
}
