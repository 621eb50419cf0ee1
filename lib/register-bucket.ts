import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { secureBucketProps } from './secure-bucket';

import { ATTESTATION_KEYS, ATTESTATION_PREFIX, REGISTER_KEY } from './register-keys';

export { ATTESTATION_KEYS, ATTESTATION_PREFIX, REGISTER_KEY };

export interface RegisterBucketProps {
  /** The reports key. */
  readonly encryptionKey: kms.IKey;
  /** Bucket receiving this bucket's S3 server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * ARNs of the IAM users in those groups. The bucket policy refuses object writes from anyone
   * else, so a grant added elsewhere by mistake cannot alter the evidence.
   */
  readonly writerUserArns: readonly string[];
}

/**
 * The evidence bucket holding the register of dated evidence: versioned (every edit is kept),
 * KMS-encrypted, TLS-only, writable only by compliance auditors and platform admins (their
 * grant is `ComplianceRecordsAccess`; this bucket's policy refuses everyone else's writes).
 */
export class RegisterBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: RegisterBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...secureBucketProps({ encryptionKey: props.encryptionKey, accessLogsBucket: props.accessLogsBucket, accessLogsPrefix: 'register/' }),
    });
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyRegisterKeepersWrite',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject', 's3:PutObjectAcl', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention', 's3:PutObjectLegalHold'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: props.writerUserArns.length > 0 ? { ArnNotEquals: { 'aws:PrincipalArn': [...props.writerUserArns] } } : undefined,
      }),
    );
  }
}
