import type { Register } from '../register/schema';
import type { AttestationLog } from './attestations';
import type { CredentialReport } from './credentials';
import type { AuditEvent } from './events';
import type { AuthorizationDetails } from './iam';

/**
 * The kinds of evidence checks may need (CheckDefinition.needs). Adding a kind: a line here,
 * a line in EVIDENCE_KINDS, and a loader that fills it; the engine handles the rest.
 */
export interface EvidenceKinds {
  readonly credentialReport: CredentialReport;
  readonly authorization: AuthorizationDetails;
  /** Events inside the window, de-duplicated by event id, sorted by time. */
  readonly events: readonly AuditEvent[];
  /** The register of dated evidence (BAAs, training, watch list, incidents). */
  readonly register: Register;
  /** The coding system's AI-attestation export; empty when the evidence has none. */
  readonly attestations: AttestationLog;
}
export type EvidenceKind = keyof EvidenceKinds;

export interface EvidenceKindInfo<T> {
  /** How a reason names it: "credential report: ...". */
  readonly label: string;
  /** What a check sees when this kind could not be read at all (it still runs on the rest). */
  readonly empty: T;
  /** A time series: the checks that read it also need the window covered day by day. */
  readonly timeline?: boolean;
  /**
   * Each AWS account has its own (multi-account evidence, CONTRACT §3): a check needing such a
   * kind runs once per account, its findings stamped with the account; a check needing none of
   * them runs once for the organization.
   */
  readonly perAccount?: boolean;
  /**
   * What findings are judged against (who holds a BAA, who codes), not what they are found in:
   * seen as empty it would invent findings (every vendor "without a BAA"), so a check needing it
   * reports none while it could not be read at all.
   */
  readonly reference?: boolean;
}

export const EVIDENCE_KINDS: { readonly [K in EvidenceKind]: EvidenceKindInfo<EvidenceKinds[K]> } = {
  credentialReport: { label: 'credential report', empty: { users: [], hasKeyLastUsed: false }, perAccount: true },
  authorization: { label: 'authorization details', empty: { users: [], groups: [], roles: [], policies: [] }, perAccount: true },
  events: { label: 'CloudTrail events', empty: [], timeline: true, perAccount: true },
  register: { label: 'register', empty: {}, reference: true },
  attestations: { label: 'AI-attestation export', empty: { sources: [], rows: [] } },
};

export const EVIDENCE_KIND_NAMES = Object.keys(EVIDENCE_KINDS) as EvidenceKind[];
