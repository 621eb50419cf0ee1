/**
 * Object keys of the register bucket (CONTRACT §3, §6). Kept apart from the construct so the
 * audit's Lambdas can import them without bundling aws-cdk-lib (which made every such bundle
 * 40 MB and its esbuild run 4 GB).
 */

/** The register's object key in the evidence bucket (CONTRACT §6). */
export const REGISTER_KEY = 'register.json';

/** Where the coding system's AI-attestation export is filed beside the register (CONTRACT §3; either one). */
export const ATTESTATION_KEYS = ['ai-attestations.jsonl', 'ai-attestations.csv'] as const;
/** The one prefix the check lists to find them. */
export const ATTESTATION_PREFIX = 'ai-attestations.';
