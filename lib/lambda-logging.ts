import { CfnResource, type IAspect } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { SixYearLogGroup } from './six-year-log-group';

/**
 * Gives every Lambda function in scope that has no `LoggingConfig` (CDK's own helpers: the
 * default-security-group restrictor, AwsCustomResource providers, ...) its own six-year KMS log
 * group. Without it they would log to `/aws/lambda/<name>`, kept forever and unencrypted, or
 * need `logRetention`, which cannot encrypt.
 */
export class SixYearLambdaLogging implements IAspect {
  constructor(private readonly encryptionKey: kms.IKey) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || node.cfnResourceType !== lambda.CfnFunction.CFN_RESOURCE_TYPE_NAME) return;
    // L1 functions expose their LoggingConfig; CDK's provider functions are raw CfnResources
    // that never set one.
    if (node instanceof lambda.CfnFunction && node.loggingConfig !== undefined) return;
    const scope = node.node.scope;
    if (scope === undefined) return;
    const logGroup = new SixYearLogGroup(scope, `${node.node.id}SixYearLogs`, { encryptionKey: this.encryptionKey });
    node.addPropertyOverride('LoggingConfig', { LogGroup: logGroup.logGroupName });
    // The group must exist (with its key) before the function first logs.
    node.node.addDependency(logGroup);
  }
}
