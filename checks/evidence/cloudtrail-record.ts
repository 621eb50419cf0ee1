import { z } from 'zod';
import type { AuditEvent } from '../model/events';

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
  userIdentity: z
    .object({
      type: z.string().optional(),
      userName: z.string().optional(),
      accessKeyId: z.string().optional(),
      invokedBy: z.string().optional(),
    })
    .optional(),
  requestParameters: z.record(z.string(), z.unknown()).nullish(),
  responseElements: z.record(z.string(), z.unknown()).nullish(),
  resources: z.array(resource).nullish(),
});

/** AWS writes this instead of the name typed at a failed sign-in: it names nobody. */
export const HIDDEN_USER = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/** Shares one copy of strings that repeat across events. */
export class Interner {
  private readonly strings = new Map<string, string>();
  get(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}

export type RecordResult = { readonly ok: true; readonly event: AuditEvent } | { readonly ok: false; readonly problem: string };

export function normalizeRecord(raw: unknown, intern: Interner): RecordResult {
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue.path.join('.') || 'record'}: ${issue.message}` };
  }
  const r = parsed.data;
  const timeMs = Date.parse(r.eventTime);
  if (Number.isNaN(timeMs)) return { ok: false, problem: `eventTime: not a time (${r.eventTime})` };
  const who = r.userIdentity ?? {};
  const userName = who.userName !== undefined && who.userName !== HIDDEN_USER && who.userName !== '' ? intern.get(who.userName) : undefined;
  const { bucket, key } = s3Target(r);
  const consoleResult = r.responseElements?.ConsoleLogin;
  return {
    ok: true,
    event: {
      id: r.eventID,
      time: new Date(timeMs).toISOString(),
      timeMs,
      identityType: intern.get(who.type ?? 'Unknown'),
      userName,
      eventName: intern.get(r.eventName),
      eventSource: intern.get(r.eventSource),
      sourceIp: intern.get(r.sourceIPAddress ?? ''),
      userAgent: intern.get(r.userAgent ?? ''),
      accessKeyId: who.accessKeyId ? intern.get(who.accessKeyId) : undefined,
      vpcEndpointId: r.vpcEndpointId,
      invokedBy: who.invokedBy,
      bucket: bucket === undefined ? undefined : intern.get(bucket),
      key,
      success: r.errorCode === undefined && (consoleResult === undefined || consoleResult === 'Success'),
    },
  };
}

/** Bucket and key from `resources` (AWS::S3::Object ARN) or, failing that, `requestParameters`. */
function s3Target(r: z.infer<typeof recordSchema>): { bucket?: string; key?: string } {
  const object = r.resources?.find((x) => x.type === 'AWS::S3::Object' && x.ARN?.startsWith('arn:aws'));
  if (object?.ARN) {
    const path = object.ARN.slice(object.ARN.indexOf(':::') + 3);
    const slash = path.indexOf('/');
    if (slash > 0) return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
  }
  const params = r.requestParameters;
  const bucket = typeof params?.bucketName === 'string' ? params.bucketName : undefined;
  const key = typeof params?.key === 'string' ? params.key : typeof params?.Key === 'string' ? params.Key : undefined;
  return { bucket, key };
}
