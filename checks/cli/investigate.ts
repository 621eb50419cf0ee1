import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile } from '../../lib/config/load';
import { AthenaClient } from '@aws-sdk/client-athena';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { QueryInputError } from '../athena/sql';
import { collectAthenaInvestigation } from '../collect/athena';
import { describeAwsFailure } from '../collect/aws-failure';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { loadEvidenceDir, type LoadedEvidence } from '../evidence/evidence-dir';
import { renderAccessesCsv } from '../investigate/csv';
import { renderInvestigationHtml } from '../investigate/html';
import { type InvestigationReport, renderInvestigationJson } from '../investigate/report';
import { describeSubject, investigate, investigationFilter, type InvestigationRange, type Subject } from '../investigate/select';
import type { Coverage } from '../model/completeness';
import { isIsoDate } from '../model/iso-time';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { UsageError } from './usage';

export interface InvestigateOptions {
  readonly config: string;
  /** Offline from an evidence folder, or in Amazon Athena over the trail's archive. */
  readonly source: { readonly kind: 'evidence'; readonly dir: string } | { readonly kind: 'athena' };
  readonly subject: Subject;
  readonly range: InvestigationRange;
  readonly out: string;
}

const DAY_MS = 86_400_000;
/** HIPAA keeps audit documentation six years (45 CFR 164.316(b)(2)): the default range. */
const DEFAULT_YEARS = 6;

/** The subject from exactly one of --patient, --person, --prefix; ids may not hold `/` (a patient id is one key segment). */
export function parseSubject(values: { patient?: string; person?: string; prefix?: string }): Subject {
  const given = (['patient', 'person', 'prefix'] as const).filter((k) => values[k] !== undefined);
  if (given.length !== 1) throw new UsageError('investigate needs exactly one of --patient ID, --person ID or --prefix KEYPREFIX');
  const flag = given[0];
  const value = values[flag] as string;
  if (value.trim() === '' || /[\u0000-\u001f\u007f]/.test(value)) throw new UsageError(`--${flag} must be a non-empty value without control characters`);
  if (flag === 'prefix') return { kind: 'prefix', prefix: value };
  if (value.includes('/')) throw new UsageError(`--${flag} must be an id, without "/" (use --prefix for a key prefix)`);
  return { kind: flag, id: value };
}

/**
 * [start of --from, end of --to] in UTC, the end never after now; by default the six years
 * before now. An impossible date (2026-02-30) or a range ending before it starts is refused.
 */
export function parseRange(from: string | undefined, to: string | undefined, now: Date): InvestigationRange {
  for (const [flag, v] of [['from', from], ['to', to]] as const) {
    if (v !== undefined && !isIsoDate(v)) throw new UsageError(`--${flag} must be a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  }
  const end = to === undefined ? now.getTime() : Math.min(Date.parse(`${to}T00:00:00Z`) + DAY_MS - 1, now.getTime());
  let start: number;
  if (from !== undefined) start = Date.parse(`${from}T00:00:00Z`);
  else {
    const d = new Date(end);
    start = Date.UTC(d.getUTCFullYear() - DEFAULT_YEARS, d.getUTCMonth(), d.getUTCDate());
  }
  if (start > end) throw new UsageError(`--from must be on or before --to${to === undefined ? ' (today)' : ''}`);
  return { from: new Date(start), to: new Date(end) };
}

/**
 * `coding-env investigate` offline: loads the CloudTrail evidence with the audit's loader
 * (keeping only the subject's PHI data events), selects, writes the three files. Returns the
 * exit code: 0 complete, 4 when the range is not covered or an input was not read whole.
 */
export async function runInvestigation(options: InvestigateOptions, now: Date, progress: (m: string) => void): Promise<number> {
  const config = loadConfigFile(options.config);
  const { subject, range } = options;
  progress(`investigating ${describeSubject(subject)} from ${range.from.toISOString()} to ${range.to.toISOString()}`);
  // Stryker disable next-line ArithmeticOperator: the loader reads the window's from and to only; days is for the audit's report, which investigate does not write
  const window = { from: range.from, to: range.to, days: Math.ceil((range.to.getTime() - range.from.getTime()) / DAY_MS) };
  // The filter as data too, for the parsing workers.
  // Stryker disable next-line StringLiteral: eventFilter builds the investigation's filter for any kind but "audit"
  const filter = { kind: 'investigation', config, subject, range } as const;
  const loaded: LoadedEvidence =
    options.source.kind === 'evidence'
      ? await loadEvidenceDir(options.source.dir, { window, keep: investigationFilter(config, subject, range), filter, progress })
      : await fromAthena(config.storage.phiBucketName, subject, range, progress);
  // Both loaders always measure the window's coverage (the model's is optional for other sources): a
  // fallback here was dead code, and its "no gaps" would have called a range never read complete.
  const result = investigate({ config, subject, range, events: loaded.model.events, coverage: loaded.model.coverage as Coverage });
  const report: InvestigationReport = {
    ...result,
    organization: config.organization.name,
    generatedAt: now.toISOString(),
    tool: `${TOOL_NAME} ${TOOL_VERSION}`,
    inputs: loaded.inputs.filter((i) => i.kind.startsWith('cloudtrail')),
  };
  const files: [string, string][] = [
    ['accesses.csv', renderAccessesCsv(report.accesses)],
    ['investigation.json', renderInvestigationJson(report)],
    ['investigation.html', renderInvestigationHtml(report)],
  ];
  for (const [name, text] of files) {
    writeFileSync(join(options.out, name), text);
    progress(`wrote ${join(options.out, name)}`);
  }
  const denied = report.accesses.filter((a) => a.outcome === 'denied').length;
  progress(`${report.accesses.length} PHI access(es) found (${denied} denied)`);
  if (!report.complete) {
    // Stryker disable next-line StringLiteral: over the events alone incompleteness gives one reason at most (unavailable or incomplete), so no separator is printed
    const why = report.incomplete.join('; ');
    progress(`the investigation is incomplete: ${why}`);
    progress('exit 4: accesses outside the evidence read cannot be excluded');
    return 4;
  }
  return 0;
}

/**
 * The selection in Athena (workgroup coding-env-audit, table coding_env_audit.cloudtrail) over
 * the caller's account, with the standard AWS credentials and region. A subject or bucket the
 * query builder refuses is bad input (exit 2); a query not read whole makes the result incomplete.
 */
async function fromAthena(phiBucket: string, subject: Subject, range: InvestigationRange, progress: (m: string) => void): Promise<LoadedEvidence> {
  const account = await new STSClient(SDK_OPTIONS)
    .send(new GetCallerIdentityCommand({}))
    .then((r) => r.Account)
    .catch((err: unknown) => {
      throw new UsageError(`cannot identify the AWS account (sts:GetCallerIdentity): ${describeAwsFailure(err)}`, 'investigate');
    });
  if (account === undefined) throw new UsageError('GetCallerIdentity returned no account: check the AWS credentials');
  progress(`querying Athena (workgroup coding-env-audit) over account ${account}`);
  let collected;
  try {
    collected = collectAthenaInvestigation({ client: new AthenaClient(SDK_OPTIONS), window: { from: range.from, to: range.to, accounts: [account] }, phiBucket, subject });
  } catch (err) {
    if (err instanceof QueryInputError) throw new UsageError(err.message, 'investigate');
    throw err;
  }
  const { events, coverage, inputs } = await collected;
  const unavailable = { ok: false, error: 'not read by investigate' } as const;
  return { model: { credentialReport: unavailable, authorization: unavailable, events, coverage }, inputs };
}
