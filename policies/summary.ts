import type { GateResult } from './findings';

/** What a platform engineer reads in the CI log: each blocking finding, then the counts. */
export function summarize(result: GateResult): string {
  const lines: string[] = [];
  const open = result.findings.filter((f) => !f.acknowledged);
  const blocking = open.filter((f) => f.level === 'error');
  for (const p of result.pluginFailures) lines.push(`PACK FAILED ${p.pack}: ${p.error}`);
  for (const f of [...blocking, ...open.filter((f) => f.level !== 'error')]) {
    lines.push(`${f.level.toUpperCase()} ${f.ruleId}`);
    lines.push(`  at ${f.constructPath}${f.location ? ` (${f.location.templatePath}${f.location.line ? `:${f.location.line}` : ''}, ${f.location.logicalId})` : ''}`);
    for (const p of f.problems) lines.push(`  - ${p}`);
    lines.push(`  ${f.message}`);
  }
  const acknowledged = result.findings.length - open.length;
  lines.push(
    `${blocking.length} error(s), ${open.length - blocking.length} warning(s), ${acknowledged} acknowledged` +
      (result.pluginFailures.length ? `, ${result.pluginFailures.length} pack(s) failed to run` : ''),
  );
  if (blocking.length > 0 || result.pluginFailures.length > 0) {
    lines.push('Fix the resource, or acknowledge the finding in policies/acknowledgements.ts with a reason naming the compensating control.');
  }
  return lines.join('\n');
}
