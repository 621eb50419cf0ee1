import { RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * HIPAA keeps audit records six years (45 CFR 164.316(b)(2)(i)); 2192 days covers six years
 * with two leap days.
 */
export const SIX_YEARS_DAYS = 2192;

export interface SixYearLogGroupProps {
  /** The customer-managed key the log group is encrypted with (its policy must admit CloudWatch Logs). */
  readonly encryptionKey: kms.IKey;
  /**
   * Explicit log group name.
   * @default - a name CloudFormation generates
   */
  readonly logGroupName?: string;
}

/**
 * A log group that keeps its records six years, KMS-encrypted, and survives stack deletion.
 * Every log group in the app is one of these.
 */
export class SixYearLogGroup extends logs.LogGroup {
  constructor(scope: Construct, id: string, props: SixYearLogGroupProps) {
    super(scope, id, {
      logGroupName: props.logGroupName,
      encryptionKey: props.encryptionKey,
      retention: logs.RetentionDays.SIX_YEARS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
