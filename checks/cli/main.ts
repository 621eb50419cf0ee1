import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, loadConfigFile } from '../../lib/config/load';
import type { CodingEnvConfig } from '../../lib/config/schema';
import { auditWindow, buildReport } from '../audit';
import { collectAthenaAudit } from '../collect/athena-audit';
import { collectLive } from '../collect/live';
import { type EvidenceOptions, loadEvidenceDir, type LoadedEvidence } from '../evidence/evidence-dir';
import { loadRegister, registerIssues } from '../register/load';
import type { Report, Severity } from '../report-model';
import { REPORT_WRITERS } from '../report/writers';
import { auditRelevantEvents } from '../rules/relevance';
import { type AuditOptions, parseCommand, type ValidateOptions } from './options';
import { signReview, writeReviewWorksheet } from './review';
import { runInvestigation } from './investigate';
import { exportToSecurityHub } from './security-hub';
import { UsageError } from './usage';
import { helpText, synopsis } from './help';
import { TOOL_VERSION } from '../version';
import { PdfError, writeReportPdf } from '../report/pdf';
import { auditScopeOf, readPreviousReports } from './audit-context';

/** Exit codes of CONTRACT §4 (3 is ours: a bug, reported without a stack trace). */
export const EXIT = { ok: 0, findings: 1, invalid: 2, internal: 3, incomplete: 4 } as const;

const progress = (message: string) => process.stderr.write(`coding-env: ${message}\n`);

export async function main(argv: readonly string[], now = new Date()): Promise<number> {
  try {
    const command = parseCommand(argv, now);
    if (command.name === 'help') {
      process.stdout.write(`${helpText(command.topic)}\n`);
      return EXIT.ok;
    }
    if (command.name === 'version') {
      process.stdout.write(`${TOOL_VERSION}\n`);
      return EXIT.ok;
    }
    switch (command.name) {
      case 'validate':
        return validate(command.options);
      case 'review':
        await writeReviewWorksheet(command.options, now, loadSource, progress);
        return EXIT.ok;
      case 'review-sign':
        process.stdout.write(`${signReview(command.options, now)}\n`);
        return EXIT.ok;
      case 'audit':
        return await audit(command.options, now);
      case 'investigate':
        loadConfigFile(command.options.config);
        if (command.options.source.kind === 'evidence') evidenceDir(command.options.source.dir);
        prepareOut(command.options.out);
        return await runInvestigation(command.options, now, progress);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`coding-env: ${err.message}\n\n${synopsis(err.command)}\n`);
      return EXIT.invalid;
    }
    if (err instanceof PdfError) {
      process.stderr.write(`coding-env: ${err.message}\n`);
      return EXIT.invalid;
    }
    if (err instanceof InputError) {
      process.stderr.write(`coding-env: ${err.message}\n`);
      return EXIT.invalid;
    }
    process.stderr.write(`coding-env: internal error: ${(err as Error).message ?? String(err)}\n`);
    return EXIT.internal;
  }
}

function validate(options: ValidateOptions): number {
  const config = loadConfigFile(options.config);
  process.stdout.write(`${options.config}: valid (${config.people.length} people, ${config.specialties.length} specialties)\n`);
  if (options.register === undefined) return EXIT.ok;
  const register = loadRegister(options.register);
  const issues = registerIssues(register);
  if (issues.length > 0) throw new InputError(register.source, issues);
  for (const warning of register.warnings ?? []) progress(`warning: ${warning}`);
  process.stdout.write(`${options.register}: valid\n`);
  return EXIT.ok;
}

async function audit(options: AuditOptions, now: Date): Promise<number> {
  const config = loadConfigFile(options.config);
  const register = loadRegister(options.register);
  for (const warning of register.warnings ?? []) progress(`warning: ${warning}`);
  const invalid = Object.keys(register.invalid ?? {});
  if (invalid.length > 0) progress(`${register.source}: sections ${invalid.join(', ')} are invalid: the checklist items reading them will be "error" (run coding-env validate for details)`);

  if (options.source.kind === 'evidence') evidenceDir(options.source.dir);
  prepareOut(options.out);

  const window = auditWindow(options.asOf, options.days);
  progress(`auditing ${config.organization.name} from ${window.from.toISOString()} to ${window.to.toISOString()}`);
  // The filter as data too (the same watch list auditRelevantEvents reads), for the parsing workers.
  const filter = { kind: 'audit', config, watchList: register.ok ? (register.register.watchList ?? []) : [] } as const;
  const loaded = await loadSource(options.source, config, { window, keep: auditRelevantEvents(config, register), filter, progress });
  const previous = readPreviousReports(options.previous ?? []);
  const scope = await auditScopeOf(options, loaded);
  const report = buildReport({ config, model: loaded.model, inputs: loaded.inputs, register, window, generatedAt: now, auditor: { scope, previous } });

  for (const writer of REPORT_WRITERS) {
    const file = join(options.out, writer.fileName);
    writeFileSync(file, writer.render(report));
    progress(`wrote ${file}`);
  }
  if (options.pdf) {
    const pdf = join(options.out, 'report.pdf');
    await writeReportPdf(report, pdf);
    progress(`wrote ${pdf}`);
  }
  summarize(report);
  const code = exitCode(report, options.failOn);
  // Opt-in, after the files: a failed import is reported and exits 3 unless the audit's own code says more.
  if (options.securityHub && !(await exportToSecurityHub(report, progress)) && code === EXIT.ok) return EXIT.internal;
  return code;
}

/**
 * A report was written: 4 when any check or checklist item is `error` (the audit is incomplete,
 * and that wins over findings), else 1 for findings at or above `--fail-on`, else 0.
 */
export function exitCode(report: Report, failOn?: Severity): number {
  if (report.checks.some((c) => c.status === 'error') || report.checklist.some((i) => i.status === 'error')) return EXIT.incomplete;
  // Stryker disable next-line ConditionalExpression: without --fail-on, hasFindingAtOrAbove(report, undefined) compares ranks with undefined, always false: the guard is for the type, no input tells it apart
  return failOn !== undefined && hasFindingAtOrAbove(report, failOn) ? EXIT.findings : EXIT.ok;
}

/** `--out` must be a folder the reports can be written to, checked before the audit reads anything. */
function prepareOut(out: string): void {
  const refuse = (message: string) => new InputError(out, [{ path: '', message }]);
  if (existsSync(out) && !statSync(out).isDirectory()) throw refuse('--out is not a folder');
  try {
    mkdirSync(out, { recursive: true });
  } catch (err) {
    throw refuse(`--out cannot be created as a folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // mkdirSync succeeded, so out is a folder now (recursive mkdir of a file fails with EEXIST).
  const probe = join(out, `.coding-env-write-test-${process.pid}`);
  try {
    // Stryker disable next-line StringLiteral: the probe only shows the folder takes a new file, and is removed at once: what it holds is never read
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    throw refuse(`--out is not writable (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Evidence from a directory (offline), the account (`--live`), or the account with Athena for the events (`--athena`). */
async function loadSource(source: AuditOptions['source'], config: CodingEnvConfig, options: EvidenceOptions): Promise<LoadedEvidence> {
  if (source.kind === 'evidence') {
    evidenceDir(source.dir);
    return loadEvidenceDir(source.dir, options);
  }
  if (source.kind === 'athena') return collectAthenaAudit({ ...options, regions: source.regions });
  return collectLive({ ...source, ...options, config });
}

function evidenceDir(dir: string): void {
  if (!(existsSync(dir) && statSync(dir).isDirectory())) throw new InputError(dir, [{ path: '', message: '--evidence is not a directory' }]);
}

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };
export function hasFindingAtOrAbove(report: Report, level: Severity): boolean {
  return report.findings.some((f) => RANK[f.severity] >= RANK[level]);
}

function summarize(report: Report): void {
  const errors = report.checks.filter((c) => c.status === 'error').map((c) => c.check);
  const items = report.checklist.map((i) => `${i.item}:${i.status}`).join(' ');
  progress(`${report.findings.length} findings; checks in error: ${errors.length ? errors.join(', ') : 'none'}; checklist ${items}`);
  const unread = report.inputs.filter((i) => i.status === 'partial' || i.status === 'skipped' || i.status === 'refused');
  if (unread.length > 0) progress(`${unread.length} inputs not read whole (see inputs in report.json): ${unread.slice(0, 3).map((i) => `${i.source} (${i.status})`).join(', ')}${unread.length > 3 ? ', ...' : ''}`);
  if (report.coverage.gaps.length > 0) progress(`days of the window without any CloudTrail event: ${report.coverage.gaps.map((g) => (g.from === g.to ? g.from : `${g.from}..${g.to}`)).join(', ')}`);
  if (errors.length > 0 || report.checklist.some((i) => i.status === 'error')) progress('the audit is incomplete: exit 4');
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
