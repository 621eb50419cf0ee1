import type { CfnResource } from 'aws-cdk-lib';
import { flatten, resourcesInStack, tagValue, templateOf } from './resolve';

/** How the environment marks the bucket that holds charts (CONTRACT §2). */
export const PHI_TAG = { key: 'data-classification', value: 'phi' } as const;

export interface BucketRef {
  readonly logicalId: string;
  /** Literal BucketName, when the template sets one. */
  readonly name?: string;
}

export function isPhiBucket(node: CfnResource): boolean {
  return node.cfnResourceType === 'AWS::S3::Bucket' && tagValue(templateOf(node).properties, PHI_TAG.key) === PHI_TAG.value;
}

export function bucketRef(node: CfnResource): BucketRef {
  const { logicalId, properties } = templateOf(node);
  return { logicalId, name: typeof properties.BucketName === 'string' ? properties.BucketName : undefined };
}

/** Every bucket in the stack tagged `data-classification=phi`. */
export function phiBucketsInStack(node: CfnResource): BucketRef[] {
  return resourcesInStack(node, 'AWS::S3::Bucket').filter(isPhiBucket).map(bucketRef);
}

/**
 * The flattened ways a template can spell a bucket's ARN (see `flatten`): its GetAtt, an ARN
 * built from its Ref, or from its literal name.
 */
export function bucketArnSpellings(bucket: BucketRef): string[] {
  const names = [`<${bucket.logicalId}>`, ...(bucket.name ? [bucket.name] : [])];
  const partitions = ['aws', 'aws-us-gov', '<AWS::Partition>'];
  return [`<${bucket.logicalId}.Arn>`, ...names.flatMap((n) => partitions.map((p) => `arn:${p}:s3:::${n}`))];
}

/** True when a value (Ref, literal name) names this bucket. */
export function namesBucket(value: unknown, bucket: BucketRef): boolean {
  const flat = flatten(value);
  return flat === `<${bucket.logicalId}>` || (bucket.name !== undefined && flat === bucket.name);
}
