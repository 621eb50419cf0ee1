import type { AuditWindow } from '../model/audit-model';
import type { AuditEvent } from '../model/events';
import { normalizeRecord } from './cloudtrail-record';

/**
 * One CloudTrail record reduced to what the engine keeps of every event in the window: a 64-bit
 * hash of its eventID (de-duplication), a 64-bit hash of the fields the rules read (a copy
 * that differs is a conflict, CONTRACT §3a), its UTC day and account (coverage), and the event
 * itself only when a rule may need it. The same function runs in the parsing workers and in
 * the main thread, so where a record was parsed never changes what the audit concludes.
 */

export type Digest =
  | { readonly kind: 'rejected'; readonly problem: string }
  | { readonly kind: 'outside' }
  | {
      readonly kind: 'event';
      readonly id: string;
      readonly account: string | undefined;
      /** UTC day number since the epoch. */
      readonly day: number;
      readonly idHi: number;
      readonly idLo: number;
      readonly fpHi: number;
      readonly fpLo: number;
      /** Only when `keep` says a rule may read it. */
      readonly event?: AuditEvent;
    };

const DAY_MS = 86_400_000;
const NONE = '\u0001';

/** Normalises, windows, fingerprints and filters one raw record. */
export function digestRecord(raw: unknown, window: AuditWindow, keep: (e: AuditEvent) => boolean, source: string | undefined): Digest {
  const result = normalizeRecord(raw);
  if (!result.ok) return { kind: 'rejected', problem: result.problem };
  const e = withAccount(result.event, source);
  if (e.timeMs < window.from.getTime() || e.timeMs > window.to.getTime()) return { kind: 'outside' };
  const [idHi, idLo] = idHash(e.id);
  const [fpHi, fpLo] = fingerprint(e);
  return { kind: 'event', id: e.id, account: e.account, day: Math.floor(e.timeMs / DAY_MS), idHi, idLo, fpHi, fpLo, event: keep(e) ? e : undefined };
}

/**
 * Two independent 32-bit string hashes (cyrb53's mixing, kept to 64 bits): two million distinct
 * ids collide with a chance of about one in ten million, and a collision can only make the
 * audit report a conflict (fail closed), never drop an event: copies are compared on their fields.
 */
export function idHash(id: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

// Every key of AuditEvent, or this does not compile: a field added to events is compared too.
const FIELDS: { readonly [K in keyof AuditEvent]-?: true } = {
  id: true, account: true, time: true, timeMs: true, identityType: true, userName: true, eventName: true, eventSource: true, sourceIp: true, userAgent: true,
  accessKeyId: true, vpcEndpointId: true, vpcEndpointAccountId: true, arn: true, mfaUsed: true, invokedBy: true, bucket: true, key: true, modelId: true,
  streamingUserId: true, success: true,
};

/** Every field of an event the rules read: what makes two copies of an eventID the same. */
export const EVENT_FIELDS = Object.keys(FIELDS) as readonly (keyof AuditEvent)[];

/**
 * 64 bits of a fast hash of every field the rules read: tells agreeing copies of an event
 * nobody keeps from differing ones. It is not what protects the rules: a copy a rule may read
 * is compared field by field with the kept first copy, and two copies of which only one is
 * kept differ by definition (keeping is a function of those fields); see EventSink.accept.
 */
export function fingerprint(e: AuditEvent): [number, number] {
  // Field by field rather than a loop over EVENT_FIELDS (this runs for every event read); the
  // tests check that each of EVENT_FIELDS moves it. `timeMs` is left out: it is a function of `time`.
  const h: [number, number] = [0x9e3779b9, 0x85ebca6b];
  mix(h, e.id);
  mix(h, e.account);
  mix(h, e.time);
  mix(h, e.identityType);
  mix(h, e.userName);
  mix(h, e.eventName);
  mix(h, e.eventSource);
  mix(h, e.sourceIp);
  mix(h, e.userAgent);
  mix(h, e.accessKeyId);
  mix(h, e.vpcEndpointId);
  mix(h, e.vpcEndpointAccountId);
  mix(h, e.arn);
  mix(h, e.mfaUsed);
  mix(h, e.invokedBy);
  mix(h, e.bucket);
  mix(h, e.key);
  mix(h, e.modelId);
  mix(h, e.streamingUserId);
  mix(h, e.success ? 'true' : 'false');
  let [h1, h2] = h;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** One field into the running hash, then a separator, so that field boundaries count ("ab","c" differs from "a","bc"). */
function mix(h: [number, number], v: string | undefined): void {
  const text = v === undefined ? NONE : v;
  let [h1, h2] = h;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h[0] = Math.imul(h1 ^ 0x1f, 2654435761);
  h[1] = Math.imul(h2 ^ 0x1f, 1597334677);
}

/** Two copies of an event agree on every field the rules read. */
export function sameEvent(a: AuditEvent, b: AuditEvent): boolean {
  for (const f of EVENT_FIELDS) if (a[f] !== b[f]) return false;
  return true;
}

// `AWSLogs/[o-<org>/]<account>/CloudTrail/...`: where S3 delivers an (organization) trail's files.
const ACCOUNT_FOLDER_RE = /(?:^|[\\/])AWSLogs[\\/](?:o-[a-z0-9]{10,32}[\\/])?(\d{12})[\\/]/;

/** A record that names no `recipientAccountId` belongs to the account whose folder holds its file. */
export function withAccount(e: AuditEvent, source: string | undefined): AuditEvent {
  if (e.account !== undefined || source === undefined) return e;
  const account = ACCOUNT_FOLDER_RE.exec(source)?.[1];
  return account === undefined ? e : { ...e, account };
}
