/** One AI-suggested claim from the coding system's attestation export (CONTRACT §3), as the rules read it. */
export interface AiAttestation {
  readonly claimId: string;
  readonly suggestedAt: string;
  readonly suggestedMs: number;
  readonly suggestedCodes: readonly string[];
  readonly model?: string;
  /** A person id; absent when nobody attested. */
  readonly attestedBy?: string;
  readonly attestedAt?: string;
  readonly attestedMs?: number;
  readonly action?: 'accepted' | 'modified' | 'rejected';
  readonly finalCodes: readonly string[];
  readonly submittedAt?: string;
  readonly submittedMs?: number;
}

/** Every row of the export, or none when the evidence holds no `ai-attestations.*` file. */
export interface AttestationLog {
  /** The files the rows came from; empty when there was none (nothing to examine). */
  readonly sources: readonly string[];
  readonly rows: readonly AiAttestation[];
}
