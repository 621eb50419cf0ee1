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

/** The packs every synth runs (policies/gates.ts), in the order they are registered. */
export const GATE_PACK_NAMES = ['AwsSolutions', 'HIPAA.Security', 'HIPAA.Coding'] as const;

/**
 * One line per synth naming each pack and its result, e.g.
 * `gates: AwsSolutions passed (0 errors, 29 acknowledged); HIPAA.Security passed; HIPAA.Coding FAILED (1 error)`.
 * A pack the CDK left out of its report ran clean (it lists only packs with something to say);
 * other validation plugins (CloudFormation's own rules, annotations) are named when they report.
 */
export function packSummaryLine(result: GateResult, packs: readonly string[] = GATE_PACK_NAMES): string {
  const names = [...packs, ...new Set([...result.findings.map((f) => f.pack), ...result.pluginFailures.map((p) => p.pack)].filter((p) => !packs.includes(p)))];
  const parts = names.map((pack) => {
    const failure = result.pluginFailures.find((p) => p.pack === pack);
    if (failure) return `${pack} COULD NOT RUN`;
    const mine = result.findings.filter((f) => f.pack === pack);
    const open = mine.filter((f) => !f.acknowledged);
    const errors = open.filter((f) => f.level === 'error').length;
    const warnings = open.length - errors;
    const acknowledged = mine.length - open.length;
    const counts = [
      errors > 0 || warnings > 0 || acknowledged > 0 ? plural(errors, 'error') : '',
      warnings > 0 ? plural(warnings, 'warning') : '',
      acknowledged > 0 ? `${acknowledged} acknowledged` : '',
    ].filter(Boolean);
    return `${pack} ${errors > 0 ? 'FAILED' : 'passed'}${counts.length ? ` (${counts.join(', ')})` : ''}`;
  });
  return `gates: ${parts.join('; ')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
