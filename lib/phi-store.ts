import { Tags } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { secureBucketProps } from './secure-bucket';

/** The tag the policy gates and the audit find PHI buckets by. */
export const PHI_TAG = { key: 'data-classification', value: 'phi' } as const;

/** Object-level actions that read, write or delete PHI; bucket configuration is not among them. */
export const PHI_OBJECT_ACTIONS = [
  's3:GetObject*',
  's3:PutObject*',
  's3:DeleteObject*',
  's3:RestoreObject',
  's3:ReplicateObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
] as const;

/** Bucket-level actions that list object keys (patient ids). */
export const PHI_LIST_ACTIONS = ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'] as const;

export interface PhiStoreProps {
  /** The bucket's name (config `storage.phiBucketName`). */
  readonly bucketName: string;
  /** Key encrypting every object (the PHI key). */
  readonly encryptionKey: kms.IKey;
  /** Bucket receiving this bucket's S3 server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /** The S3 gateway endpoint: the only way objects may be read or written. */
  readonly s3Endpoint: ec2.IGatewayVpcEndpoint;
}

/**
 * The PHI bucket: objects under `<specialty>/<patient-id>/...`, KMS-encrypted with the PHI key,
 * versioned, TLS-only, never public, access-logged, retained. Objects can be reached only
 * through the VPC's S3 endpoint; bucket configuration stays manageable by CloudFormation.
 */
export class PhiStore extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: PhiStoreProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      ...secureBucketProps({ encryptionKey: props.encryptionKey, accessLogsBucket: props.accessLogsBucket, accessLogsPrefix: `${props.bucketName}/` }),
    });
    Tags.of(this.bucket).add(PHI_TAG.key, PHI_TAG.value);

    // AWS services acting on their own (replication, inventory) or for a caller (e.g. a
    // console preview through the service) carry no endpoint id: exempt them, nobody else.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyObjectAccessOutsideVpcEndpoint',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...PHI_OBJECT_ACTIONS],
        resources: [this.bucket.arnForObjects('*')],
        conditions: {
          StringNotEquals: { 'aws:SourceVpce': props.s3Endpoint.vpcEndpointId },
          Bool: { 'aws:PrincipalIsAWSService': 'false', 'aws:ViaAWSService': 'false' },
        },
      }),
    );
    // Listing reveals patient ids (the keys): pinned to the same endpoint as the objects.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyListingOutsideVpcEndpoint',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...PHI_LIST_ACTIONS],
        resources: [this.bucket.bucketArn],
        conditions: {
          StringNotEquals: { 'aws:SourceVpce': props.s3Endpoint.vpcEndpointId },
          Bool: { 'aws:PrincipalIsAWSService': 'false', 'aws:ViaAWSService': 'false' },
        },
      }),
    );
  }
}
