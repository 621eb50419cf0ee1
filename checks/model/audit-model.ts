import type { Coverage } from './completeness';
import type { EvidenceKind, EvidenceKinds } from './evidence-kinds';

/**
 * A piece of evidence, or why it could not be had. `ok` with `problems` is evidence read only
 * in part: the checks still run on it (what was read still yields findings) but are `error`.
 */
export type Evidence<T> =
  | { readonly ok: true; readonly value: T; readonly problems?: readonly string[] }
  | { readonly ok: false; readonly error: string };

/** One entry per evidence kind (what the engine hands the checks: a kind not collected is `not collected`). */
export type EvidenceSet = { readonly [K in EvidenceKind]: Evidence<EvidenceKinds[K]> };

/** One member account's own evidence (the kinds marked `perAccount`); the rest is the organization's. */
export interface AccountEvidence {
  /** The 12-digit AWS account id. */
  readonly account: string;
  readonly evidence: Partial<EvidenceSet>;
}

/** Kinds every model carries; the others (register, AI-attestation export) only where collected. */
type CoreKind = 'credentialReport' | 'authorization' | 'events';

/** Everything the rules read: typed plain data, no I/O. One entry per evidence kind. */
export type AuditModel = { readonly [K in CoreKind]: Evidence<EvidenceKinds[K]> } & { readonly [K in Exclude<EvidenceKind, CoreKind>]?: Evidence<EvidenceKinds[K]> } & {
  /**
   * Multi-account evidence (an organization): each account's own evidence. When present, checks
   * reading per-account kinds run once per account and every finding carries `account`; the
   * top-level kinds are then the organization's merged view (the checklist reads it).
   */
  readonly accounts?: readonly AccountEvidence[];
  /**
   * Which UTC days of the window the events cover, counted over every event read (before the
   * loader drops the ones no rule needs). Absent: the engine counts the events it was given.
   */
  readonly coverage?: Coverage;
};

/** The audit's time frame: events in [from, to]; `to` is the as-of instant. */
export interface AuditWindow {
  readonly from: Date;
  readonly to: Date;
  readonly days: number;
}
