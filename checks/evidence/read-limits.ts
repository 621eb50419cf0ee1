/**
 * Bounds on what one evidence file may cost, so no file's size or compression ratio can take
 * the audit past its memory (the Lambdas have 1 GB) or keep it busy for ever (CONTRACT §3).
 */
export interface ReadLimits {
  /** Bytes of (decompressed) content read from one file before it is refused. */
  readonly maxBytes: number;
  /** Characters of one record (one array element, one JSON line) before it is rejected unread. */
  readonly maxRecordChars: number;
  /** A gzip file inflating more than this many times its size is a bomb... */
  readonly maxRatio: number;
  /** ...once past this many decompressed bytes (small files compress well legitimately). */
  readonly ratioAfterBytes: number;
  /** Bytes of a file read whole and parsed in one piece (credential report, authorization details). */
  readonly maxWholeFileBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  maxBytes: 4096 * MiB,
  // CloudTrail's own event size limit is 256 KB; four times that is still a record.
  maxRecordChars: 1 * MiB,
  // CloudTrail JSON compresses 10-30 times; a bomb of repeated bytes, about 1000 times.
  maxRatio: 200,
  ratioAfterBytes: 64 * MiB,
  maxWholeFileBytes: 256 * MiB,
};

/**
 * Files up to this size (on disk and once decompressed) are read whole and parsed at native
 * speed (cloudtrail-file.ts); larger ones stream. Never above `ratioAfterBytes` or `maxBytes`,
 * so a file read whole is one the stream would have taken whole too.
 */
export const WHOLE_READ_BYTES = 16 * MiB;
