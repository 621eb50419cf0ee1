import { RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

export interface SecureBucketOptions {
  /** The customer-managed key every object is encrypted with. */
  readonly encryptionKey: kms.IKey;
  /** Bucket receiving this bucket's S3 server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /** Prefix of this bucket's access logs there. */
  readonly accessLogsPrefix: string;
}

/**
 * The settings every bucket holding PHI or audit evidence states explicitly (CDK would omit
 * some as defaults): KMS with a bucket key, versioned, TLS 1.2 only, never public, owner-
 * enforced, access-logged, retained. Constructs add their own (name, Object Lock) on top.
 */
export function secureBucketProps(options: SecureBucketOptions): s3.BucketProps {
  return {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: options.encryptionKey,
    bucketKeyEnabled: true,
    versioned: true,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: options.accessLogsBucket,
    serverAccessLogsPrefix: options.accessLogsPrefix,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}
