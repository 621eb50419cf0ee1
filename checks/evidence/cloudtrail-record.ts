import { z } from 'zod';
import type { AuditEvent } from '../model/events';
import { parseInstant } from '../model/iso-time';

/**
 * One CloudTrail record (S3 log file entry, or the `CloudTrailEvent` string of LookupEvents)
 * reduced to an AuditEvent. Only the fields the rules read are validated; the rest is ignored.
 */

const resource = z.object({ ARN: z.string().optional(), type: z.string().optional() });
const recordSchema = z.object({
  eventID: z.string().min(1),
  eventTime: z.string(),
  eventName: z.string(),
  eventSource: z.string(),
  sourceIPAddress: z.string().optional(),
  userAgent: z.string().optional(),
  errorCode: z.string().optional(),
  vpcEndpointId: z.string().optional(),
  vpcEndpointAccountId: z.string().optional(),
  recipientAccountId: z.string().optional(),
  userIdentity: z
    .object({
      type: z.string().optional(),
      arn: z.string().optional(),
      userName: z.string().optional(),
      accessKeyId: z.string().optional(),
      invokedBy: z.string().optional(),
    })
    .optional(),
  // Plain (stripping) objects of the few fields read: walking every request parameter would cost more than the parse.
  requestParameters: z.object({ bucketName: z.unknown().optional(), key: z.unknown().optional(), Key: z.unknown().optional(), modelId: z.unknown().optional(), userId: z.unknown().optional() }).nullish(),
  responseElements: z.object({ ConsoleLogin: z.unknown().optional() }).nullish(),
  additionalEventData: z.object({ MFAUsed: z.unknown().optional() }).nullish(),
  resources: z.array(resource).nullish(),
});

/** AWS writes this instead of the name typed at a failed sign-in: it names nobody. */
export const HIDDEN_USER = 'HIDDEN_DUE_TO_SECURITY_REASONS';

export type RecordResult = { readonly ok: true; readonly event: AuditEvent } | { readonly ok: false; readonly problem: string };

type CloudTrailRecord = z.infer<typeof recordSchema>;

export function normalizeRecord(raw: unknown): RecordResult {
  let r: CloudTrailRecord;
  if (conforms(raw)) r = raw;
  else {
    const parsed = recordSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, problem: `${issue.path.join('.') || 'record'}: ${issue.message}` };
    }
    r = parsed.data;
  }
  // Without a zone, Date.parse would read the time in the machine's own zone: refuse it.
  const timeMs = parseInstant(r.eventTime);
  if (timeMs === undefined) return { ok: false, problem: 'eventTime: not an ISO 8601 time with a zone (Z or ±hh:mm)' };
  const who = r.userIdentity ?? {};
  const userName = who.userName !== undefined && who.userName !== HIDDEN_USER && who.userName !== '' ? who.userName : undefined;
  const { bucket, key } = s3Target(r);
  const consoleResult = r.responseElements?.ConsoleLogin;
  const mfaUsed = r.additionalEventData?.MFAUsed;
  return {
    ok: true,
    event: {
      id: r.eventID,
      ...(r.recipientAccountId ? { account: r.recipientAccountId } : {}),
      // As AWS wrote it (ISO 8601, UTC); rules compute with timeMs.
      time: r.eventTime,
      timeMs,
      identityType: who.type ?? 'Unknown',
      userName,
      eventName: r.eventName,
      eventSource: r.eventSource,
      sourceIp: r.sourceIPAddress ?? '',
      userAgent: r.userAgent ?? '',
      accessKeyId: who.accessKeyId || undefined,
      vpcEndpointId: r.vpcEndpointId,
      vpcEndpointAccountId: r.vpcEndpointAccountId,
      arn: who.arn,
      mfaUsed: typeof mfaUsed === 'string' ? mfaUsed : undefined,
      invokedBy: who.invokedBy,
      bucket,
      key,
      modelId: typeof r.requestParameters?.modelId === 'string' ? r.requestParameters.modelId : undefined,
      streamingUserId: r.eventName === 'CreateStreamingURL' && typeof r.requestParameters?.userId === 'string' ? r.requestParameters.userId : undefined,
      success: r.errorCode === undefined && (consoleResult === undefined || consoleResult === 'Success'),
    },
  };
}

/**
 * Fast path for the common case: the same checks as `recordSchema` on just the fields read,
 * without building a copy. Anything it does not accept goes through the schema, which either
 * accepts it too or says what is wrong; so the schema stays the one definition.
 */
function conforms(raw: unknown): raw is CloudTrailRecord {
  if (!isObject(raw)) return false;
  const r = raw as Record<string, unknown>;
  if (typeof r.eventID !== 'string' || r.eventID === '' || typeof r.eventTime !== 'string' || typeof r.eventName !== 'string' || typeof r.eventSource !== 'string') return false;
  if (!optionalString(r.sourceIPAddress) || !optionalString(r.userAgent) || !optionalString(r.errorCode) || !optionalString(r.vpcEndpointId)) return false;
  if (!optionalString(r.vpcEndpointAccountId) || !optionalString(r.recipientAccountId)) return false;
  const who = r.userIdentity as Record<string, unknown> | undefined;
  if (who !== undefined && !(isObject(who) && optionalString(who.type) && optionalString(who.arn) && optionalString(who.userName) && optionalString(who.accessKeyId) && optionalString(who.invokedBy))) return false;
  if (!nullishObject(r.requestParameters) || !nullishObject(r.responseElements) || !nullishObject(r.additionalEventData)) return false;
  const resources = r.resources;
  if (resources === undefined || resources === null) return true;
  if (!Array.isArray(resources)) return false;
  for (const x of resources) {
    if (!isObject(x) || !optionalString((x as Record<string, unknown>).ARN) || !optionalString((x as Record<string, unknown>).type)) return false;
  }
  return true;
}

function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(v: unknown): boolean {
  return v === undefined || typeof v === 'string';
}

function nullishObject(v: unknown): boolean {
  return v === undefined || v === null || isObject(v);
}

/**
 * Bucket and key from `requestParameters` (S3 data events carry both as strings, no copying
 * needed), else from the `AWS::S3::Object` ARN in `resources`.
 */
function s3Target(r: CloudTrailRecord): { bucket?: string; key?: string } {
  const params = r.requestParameters;
  const bucket = typeof params?.bucketName === 'string' ? params.bucketName : undefined;
  const key = typeof params?.key === 'string' ? params.key : typeof params?.Key === 'string' ? params.Key : undefined;
  if (bucket !== undefined && key !== undefined) return { bucket, key };
  const object = r.resources?.find((x) => x.type === 'AWS::S3::Object' && x.ARN?.startsWith('arn:aws'));
  if (object?.ARN) {
    const path = object.ARN.slice(object.ARN.indexOf(':::') + 3);
    const slash = path.indexOf('/');
    if (slash > 0) return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
  }
  return { bucket, key };
}
