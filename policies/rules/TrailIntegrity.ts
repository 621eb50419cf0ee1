import type { CfnResource } from 'aws-cdk-lib';
import { bucketArnSpellings, type BucketRef, bucketRef, isPhiBucket, phiBucketsInStack } from './phi';
import { asList, flatten, isObject, isTrue, type JsonObject, resourcesInStack, templateOf } from './resolve';
import type { CodingRule } from './rule';

/**
 * Passes when a trail is logging, multi-region, includes global service events, validates log
 * files, encrypts with KMS, delivers to CloudWatch Logs, and records S3 data events (read and
 * write) for every bucket of the stack tagged `data-classification=phi`; and when every such
 * bucket is recorded by a trail of its stack.
 */
export const TrailIntegrity: CodingRule = {
  id: 'TrailIntegrity',
  info: 'The trail is not a complete, tamper-evident record: it must be multi-region, include global events, validate and encrypt log files, deliver to CloudWatch Logs, and log read and write data events on every PHI bucket.',
  explanation:
    'Every access to a chart must be recorded where it can be reviewed and proven unaltered. Use one multi-region trail with ' +
    'includeGlobalServiceEvents, enableFileValidation, encryptionKey, sendToCloudWatchLogs with a six-year encrypted log group, and ' +
    'addS3EventSelector([{ bucket: phiBucket }], { readWriteType: ReadWriteType.ALL }).',
  resourceTypes: ['AWS::CloudTrail::Trail', 'AWS::S3::Bucket'],
  evaluate(node: CfnResource) {
    // Deleting the trail must fail too: a PHI bucket needs a trail of its stack recording it.
    if (isPhiBucket(node)) {
      const bucket = bucketRef(node);
      const recorded = resourcesInStack(node, 'AWS::CloudTrail::Trail').some((t) => coversBucket(templateOf(t).properties, bucket));
      return recorded ? [] : [`no trail in this stack records read and write data events for PHI bucket ${bucket.logicalId}`];
    }
    if (node.cfnResourceType !== 'AWS::CloudTrail::Trail') return undefined;
    const trail = templateOf(node).properties;
    const problems: string[] = [];
    const require = (ok: boolean, problem: string) => ok || problems.push(problem);
    require(isTrue(trail.IsLogging), 'IsLogging is not true');
    require(isTrue(trail.IsMultiRegionTrail), 'IsMultiRegionTrail is not true');
    // CloudFormation defaults IncludeGlobalServiceEvents to true; only an explicit false weakens it.
    require(trail.IncludeGlobalServiceEvents === undefined || isTrue(trail.IncludeGlobalServiceEvents), 'IncludeGlobalServiceEvents is false');
    require(isTrue(trail.EnableLogFileValidation), 'EnableLogFileValidation is not true');
    require(trail.KMSKeyId !== undefined, 'KMSKeyId is not set');
    require(trail.CloudWatchLogsLogGroupArn !== undefined && trail.CloudWatchLogsRoleArn !== undefined, 'no CloudWatch Logs delivery (CloudWatchLogsLogGroupArn/RoleArn)');
    for (const bucket of phiBucketsInStack(node)) {
      require(coversBucket(trail, bucket), `no read-and-write S3 data events for PHI bucket ${bucket.logicalId}`);
    }
    return problems;
  },
};

const ALL_BUCKETS = ['arn:aws:s3', 'arn:aws:s3:::', 'arn:<AWS::Partition>:s3', 'arn:<AWS::Partition>:s3:::'];

function coversBucket(trail: JsonObject, bucket: BucketRef): boolean {
  const whole = [...ALL_BUCKETS, ...bucketArnSpellings(bucket).map((arn) => `${arn}/`)];
  const basic = asList(trail.EventSelectors).filter(isObject).some((selector) =>
    (selector.ReadWriteType === undefined || selector.ReadWriteType === 'All') &&
    asList(selector.DataResources).filter(isObject).some((r) => r.Type === 'AWS::S3::Object' && asList(r.Values).some((v) => whole.includes(flatten(v)))),
  );
  const advanced = asList(trail.AdvancedEventSelectors).filter(isObject).some((selector) => advancedCovers(selector, whole));
  return basic || advanced;
}

/** An advanced selector covers the bucket when it selects S3 object data events, both read and write, with no narrowing. */
function advancedCovers(selector: JsonObject, whole: string[]): boolean {
  const fields = asList(selector.FieldSelectors).filter(isObject);
  const field = (name: string) => fields.find((f) => f.Field === name);
  const equalsOnly = (f: JsonObject | undefined, value: string) =>
    f !== undefined && JSON.stringify(asList(f.Equals)) === JSON.stringify([value]) && Object.keys(f).every((k) => k === 'Field' || k === 'Equals');
  if (!equalsOnly(field('eventCategory'), 'Data') || !equalsOnly(field('resources.type'), 'AWS::S3::Object')) return false;
  // Anything else (readOnly, eventName, ...) narrows what is recorded.
  if (fields.some((f) => !['eventCategory', 'resources.type', 'resources.ARN'].includes(String(f.Field)))) return false;
  const arn = field('resources.ARN');
  if (arn === undefined) return true;
  return Object.keys(arn).every((k) => k === 'Field' || k === 'StartsWith') && asList(arn.StartsWith).some((v) => whole.includes(flatten(v)));
}
