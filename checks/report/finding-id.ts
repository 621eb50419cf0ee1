import { createHash } from 'node:crypto';
import type { Finding } from '../report-model';

/** A finding as exported: report.json's finding, with its stable `id` and `account` when present. */
export type IdentifiedFinding = Finding & { readonly id?: string; readonly account?: string };

/**
 * Each finding's id for the exports (OCSF, Security Hub), index-aligned with `findings`: the
 * report's own `id` when it has one, otherwise a hash of what names the violation (check, rule,
 * principal, account). Repeats of that within one report are numbered in report order, so the
 * ids of one export are distinct and the same report always gives the same ids.
 */
export function exportIds(findings: readonly IdentifiedFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    if (typeof f.id === 'string' && f.id !== '') return f.id;
    const base = createHash('sha256').update(JSON.stringify([f.check, f.rule, f.principal, f.account ?? ''])).digest('hex').slice(0, 32);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
