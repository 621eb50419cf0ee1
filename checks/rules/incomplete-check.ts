import type { Finding } from '../report-model';

/**
 * A check that judged part of its evidence and could not judge the rest: the engine keeps the
 * findings it did make and makes the check `error` with the reasons (an incomplete check still
 * reports what it found, CONTRACT §3a), instead of losing both to a thrown error.
 */
export class IncompleteCheckError extends Error {
  constructor(
    readonly findings: readonly Finding[],
    readonly reasons: readonly string[],
  ) {
    super(reasons.join('; '));
    this.name = 'IncompleteCheckError';
  }
}
