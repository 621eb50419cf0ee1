import type { CfnResource } from 'aws-cdk-lib';
import { asList, isObject, isTrue, type JsonObject, literalNumber, referencedLogicalId, resourcesInStack, templateOf } from './resolve';
import { SIX_YEARS_DAYS } from './LogRetentionSixYears';
import type { CodingRule } from './rule';

/**
 * Passes when the bucket a trail writes to is in the same stack with Object Lock on, COMPLIANCE
 * mode, a default retention of at least 2192 days (or 6 years), and no lifecycle rule that
 * expires objects earlier.
 */
export const TrailBucketObjectLock: CodingRule = {
  id: 'TrailBucketObjectLock',
  info: 'The trail’s bucket does not lock log files for six years (Object Lock COMPLIANCE, 2192 days, no earlier expiration).',
  explanation:
    'Audit records must survive six years, even against an administrator. Create the trail bucket in the same stack with ' +
    'objectLockEnabled and objectLockDefaultRetention ObjectLockRetention.compliance(Duration.days(2192)), and no lifecycle rule expiring objects sooner.',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  evaluate(node: CfnResource) {
    if (node.cfnResourceType !== 'AWS::CloudTrail::Trail') return undefined;
    const target = templateOf(node).properties.S3BucketName;
    const bucketId = referencedLogicalId(target);
    const bucket = resourcesInStack(node, 'AWS::S3::Bucket').find((b) => {
      const tpl = templateOf(b);
      return tpl.logicalId === bucketId || (typeof target === 'string' && tpl.properties.BucketName === target);
    });
    if (!bucket) return [`S3BucketName ${JSON.stringify(target)} is not a bucket of this stack, so its lock cannot be verified`];
    return bucketLockProblems(templateOf(bucket).properties).map((p) => `bucket ${templateOf(bucket).logicalId}: ${p}`);
  },
};

function bucketLockProblems(bucket: JsonObject): string[] {
  const problems: string[] = [];
  const config = isObject(bucket.ObjectLockConfiguration) ? bucket.ObjectLockConfiguration : {};
  if (!isTrue(bucket.ObjectLockEnabled) || config.ObjectLockEnabled !== 'Enabled') problems.push('Object Lock is not enabled');
  const retention = isObject(config.Rule) && isObject(config.Rule.DefaultRetention) ? config.Rule.DefaultRetention : {};
  if (retention.Mode !== 'COMPLIANCE') problems.push(`default retention mode is ${JSON.stringify(retention.Mode ?? 'unset')}, not COMPLIANCE`);
  const days = literalNumber(retention.Days);
  const years = literalNumber(retention.Years);
  if (!((days !== undefined && days >= SIX_YEARS_DAYS) || (years !== undefined && years >= 6))) {
    problems.push(`default retention is ${days !== undefined ? `${days} days` : years !== undefined ? `${years} years` : 'unset'}, below ${SIX_YEARS_DAYS} days`);
  }
  problems.push(...earlyExpirations(bucket));
  return problems;
}

function earlyExpirations(bucket: JsonObject): string[] {
  const lifecycle = isObject(bucket.LifecycleConfiguration) ? bucket.LifecycleConfiguration : {};
  return asList(lifecycle.Rules)
    .filter(isObject)
    .filter((rule) => rule.Status !== 'Disabled')
    .flatMap((rule) => {
      const name = String(rule.Id ?? 'unnamed');
      const found: string[] = [];
      const current = rule.ExpirationInDays;
      if (current !== undefined && !((literalNumber(current) ?? 0) >= SIX_YEARS_DAYS)) found.push(`lifecycle rule ${name} expires objects after ${JSON.stringify(current)} days`);
      if (rule.ExpirationDate !== undefined) found.push(`lifecycle rule ${name} expires objects on a fixed date`);
      const noncurrent = isObject(rule.NoncurrentVersionExpiration) ? rule.NoncurrentVersionExpiration.NoncurrentDays : rule.NoncurrentVersionExpirationInDays;
      if (noncurrent !== undefined && !((literalNumber(noncurrent) ?? 0) >= SIX_YEARS_DAYS)) found.push(`lifecycle rule ${name} expires old versions after ${JSON.stringify(noncurrent)} days`);
      return found;
    });
}
