import type { Coverage } from './completeness';
import type { EvidenceKind, EvidenceKinds } from './evidence-kinds';

/**
 * A piece of evidence, or why it could not be had. `ok` with `problems` is evidence read only
 * in part: the checks still run on it (what was read still yields findings) but are `error`.
 */
export type Evidence<T> =
  | { readonly ok: true; readonly value: T; readonly problems?: readonly string[] }
  | { readonly ok: false; readonly error: string };

/** Kinds every model carries; the others (register, AI-attestation export) only where collected. */
type CoreKind = 'credentialReport' | 'authorization' | 'events';

/** Everything the rules read: typed plain data, no I/O. One entry per evidence kind. */
export type AuditModel = { readonly [K in CoreKind]: Evidence<EvidenceKinds[K]> } & { readonly [K in Exclude<EvidenceKind, CoreKind>]?: Evidence<EvidenceKinds[K]> } & {
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
