import type { Register } from '../register/schema';
import type { AttestationLog } from './attestations';
import type { CredentialReport } from './credentials';
import type { AuditEvent } from './events';
import type { AuthorizationDetails } from './iam';

/** A piece of evidence, or why it could not be had. The engine turns `unavailable` into check errors. */
export type Evidence<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Everything the rules read: typed plain data, no I/O. */
export interface AuditModel {
  readonly credentialReport: Evidence<CredentialReport>;
  readonly authorization: Evidence<AuthorizationDetails>;
  /** Events inside the window, de-duplicated by event id, sorted by time. */
  readonly events: Evidence<readonly AuditEvent[]>;
  /** The register of dated evidence (BAAs, training, watch list, incidents); absent when not collected. */
  readonly register?: Evidence<Register>;
  /** The coding system's AI-attestation export; ok and empty when the evidence has none. Absent when not collected. */
  readonly attestations?: Evidence<AttestationLog>;
}

/** The audit's time frame: events in [from, to]; `to` is the as-of instant. */
export interface AuditWindow {
  readonly from: Date;
  readonly to: Date;
  readonly days: number;
}
