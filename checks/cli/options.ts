import { severitySchema, type Severity } from '../report-model';
import { parseArguments } from './args';
import type { ReviewOptions, SignOptions } from './review';
import { isIsoDate, parseInstant } from '../model/iso-time';
import { UsageError } from './usage';
import { type InvestigateOptions, parseRange, parseSubject } from './investigate';

export interface AuditOptions {
  readonly config: string;
  readonly register: string;
  readonly out: string;
  readonly source:
    | { readonly kind: 'evidence'; readonly dir: string }
    | { readonly kind: 'live'; readonly regions?: string[]; readonly trailBucket?: string; readonly trailPrefix?: string }
    /** IAM as `--live` reads it; the events from Athena over the archive (CONTRACT §4 `--athena`). */
    | { readonly kind: 'athena'; readonly regions?: string[] };
  readonly asOf: Date;
  readonly days: number;
  readonly failOn?: Severity;
  /** Also print the report to report.pdf with the npm package's Chromium. */
  readonly pdf?: boolean;
  /** Earlier report.json files: findings marked new or recurring, resolved ones listed, the trend drawn. */
  readonly previous?: string[];
  /** Also import the findings into AWS Security Hub (BatchImportFindings). */
  readonly securityHub?: boolean;
}

export interface ValidateOptions {
  readonly config: string;
  readonly register?: string;
}

export type Command =
  | { readonly name: 'help'; readonly topic?: string }
  | { readonly name: 'version' }
  | { readonly name: 'audit'; readonly options: AuditOptions }
  | { readonly name: 'validate'; readonly options: ValidateOptions }
  | { readonly name: 'review'; readonly options: ReviewOptions }
  | { readonly name: 'review-sign'; readonly options: SignOptions }
  | { readonly name: 'investigate'; readonly options: InvestigateOptions };

const OPTIONS = {
  config: { type: 'string' },
  evidence: { type: 'string' },
  live: { type: 'boolean' },
  regions: { type: 'string' },
  'trail-bucket': { type: 'string' },
  'trail-prefix': { type: 'string' },
  register: { type: 'string' },
  'as-of': { type: 'string' },
  days: { type: 'string' },
  out: { type: 'string' },
  'fail-on': { type: 'string' },
  pdf: { type: 'boolean' },
  previous: { type: 'string', multiple: true },
  'security-hub': { type: 'boolean' },
  'week-ending': { type: 'string' },
  sample: { type: 'string' },
  seed: { type: 'string' },
  reviewer: { type: 'string' },
  sampled: { type: 'string' },
  anomalies: { type: 'string' },
  actions: { type: 'string' },
  on: { type: 'string' },
  athena: { type: 'boolean' },
  patient: { type: 'string' },
  person: { type: 'string' },
  prefix: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** The command named on the line (`audit`, `review sign`, ...), for help and error synopses. */
function commandOf(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  if (words[0] === 'help') return words[1] === 'review' && words[2] === 'sign' ? 'review sign' : words[1];
  return words[0] === 'review' && words[1] === 'sign' ? 'review sign' : words[0];
}

export function parseCommand(argv: readonly string[], now: Date): Command {
  const command = commandOf(argv);
  try {
    return parseCommandLine(argv, now, command);
  } catch (err) {
    // Every usage error names the command, so the CLI shows that command's synopsis.
    // Stryker disable next-line LogicalOperator: parseCommandLine throws only UsageErrors, and those naming a command name commandOf's (parseArguments is given it), so || rethrows the same
    if (err instanceof UsageError && err.command === undefined) throw new UsageError(err.message, command);
    throw err;
  }
}

function parseCommandLine(argv: readonly string[], now: Date, named: string | undefined): Command {
  const parsed = parseArguments(argv, OPTIONS, named);
  const values = parsed.values as OptionValues;
  const positionals = parsed.positionals;
  if (values.version) return { name: 'version' };
  if (positionals[0] === 'help') return { name: 'help', topic: named };
  if (values.help || positionals.length === 0) return { name: 'help', topic: named };
  const [first, ...rest] = positionals;
  const command = first === 'review' && rest[0] === 'sign' ? 'review sign' : first;
  const extra = command === 'review sign' ? rest.slice(1) : rest;
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const need = (flag: keyof typeof OPTIONS): string => {
    const v = values[flag];
    if (typeof v !== 'string' || v === '') throw new UsageError(`${command} needs --${flag}`);
    return v;
  };
  const only = (allowed: (keyof typeof OPTIONS)[]) => {
    const bad = Object.keys(values).find((k) => !allowed.includes(k as keyof typeof OPTIONS));
    if (bad) throw new UsageError(`--${bad} does not apply to ${command}`);
  };

  if (command === 'validate') {
    only(['config', 'register']);
    return { name: 'validate', options: { config: need('config'), register: values.register } };
  }
  if (command === 'review sign') {
    only(['register', 'reviewer', 'sampled', 'anomalies', 'actions', 'on', 'config']);
    const on = values.on;
    if (on !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(on)) throw new UsageError(`--on must be a date YYYY-MM-DD, got ${JSON.stringify(on)}`);
    return {
      name: 'review-sign',
      options: { register: need('register'), reviewer: need('reviewer'), sampled: parseCount('sampled', need('sampled')), anomalies: parseCount('anomalies', need('anomalies')), actions: values.actions, on, config: values.config },
    };
  }
  if (command === 'investigate') {
    only(['config', 'evidence', 'athena', 'patient', 'person', 'prefix', 'from', 'to', 'out']);
    if ((values.evidence === undefined) === (values.athena !== true)) throw new UsageError('investigate needs exactly one of --evidence DIR or --athena');
    const source = values.athena === true ? ({ kind: 'athena' } as const) : ({ kind: 'evidence', dir: need('evidence') } as const);
    return {
      name: 'investigate',
      options: { config: need('config'), source, subject: parseSubject(values), range: parseRange(values.from, values.to, now), out: need('out') },
    };
  }
  if (command !== 'audit' && command !== 'review') throw new UsageError(`unknown command ${JSON.stringify(command)} (expected audit, investigate, validate, review or review sign)`);
  only(command === 'audit' ? AUDIT_FLAGS : REVIEW_FLAGS);

  const athena = values.athena === true;
  const sources = [values.evidence !== undefined, values.live === true, athena].filter(Boolean).length;
  if (sources !== 1) throw new UsageError(command === 'audit' ? 'audit needs exactly one of --evidence DIR, --live or --athena' : `${command} needs exactly one of --evidence DIR or --live`);
  const live = values.live === true;
  if (!live) {
    // With --athena the table names the archive; only the region partitions may be chosen.
    const liveOnly = (athena ? (['trail-bucket', 'trail-prefix'] as const) : (['regions', 'trail-bucket', 'trail-prefix'] as const)).find((f) => values[f] !== undefined);
    if (liveOnly) throw new UsageError(`--${liveOnly} applies only with --live${athena ? ' (with --athena the archive is the table coding_env_audit.cloudtrail)' : ''}`);
  }
  if (values['trail-prefix'] !== undefined && values['trail-bucket'] === undefined) throw new UsageError('--trail-prefix needs --trail-bucket');

  const regions = values.regions?.split(',').map((r) => r.trim()).filter(Boolean);
  if (regions && (regions.length === 0 || regions.some((r) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(r)))) throw new UsageError(`--regions must be AWS regions separated by commas, got ${JSON.stringify(values.regions)}`);
  const source: AuditOptions['source'] = athena
    ? { kind: 'athena', ...(regions ? { regions } : {}) }
    : live
      ? { kind: 'live', regions, trailBucket: values['trail-bucket'], trailPrefix: values['trail-prefix'] }
      : { kind: 'evidence', dir: need('evidence') };

  if (command === 'review') {
    const weekEnding = values['week-ending'];
    if (weekEnding !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(weekEnding)) throw new UsageError(`--week-ending must be a date YYYY-MM-DD, got ${JSON.stringify(weekEnding)}`);
    return {
      name: 'review',
      options: { config: need('config'), source, out: need('out'), weekEnding, sampleSize: values.sample === undefined ? undefined : parseCount('sample', values.sample), seed: values.seed },
    };
  }

  return {
    name: 'audit',
    options: {
      config: need('config'),
      register: need('register'),
      out: need('out'),
      source,
      asOf: values['as-of'] === undefined ? now : parseAsOf(values['as-of']),
      days: values.days === undefined ? 30 : parseDays(values.days),
      failOn: values['fail-on'] === undefined ? undefined : parseSeverity(values['fail-on']),
      pdf: values.pdf === true,
      previous: previousFiles(parsed.values.previous),
      securityHub: values['security-hub'] === true,
    },
  };
}

/** The values as the options define them: strings for string options, true for switches. */
type OptionValues = {
  readonly [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

const SOURCE_FLAGS = ['config', 'evidence', 'live', 'regions', 'trail-bucket', 'trail-prefix', 'out'] as const;
const AUDIT_FLAGS: (keyof typeof OPTIONS)[] = [...SOURCE_FLAGS, 'athena', 'register', 'as-of', 'days', 'fail-on', 'pdf', 'security-hub', 'previous'];
const REVIEW_FLAGS: (keyof typeof OPTIONS)[] = [...SOURCE_FLAGS, 'week-ending', 'sample', 'seed'];

function parseCount(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** `--previous` may be given several times: parseArgs collects them, one or more, into a list. */
function previousFiles(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

function parseAsOf(value: string): Date {
  // A date that is not a day of the calendar is left as it is: refused below all the same.
  const iso = isIsoDate(value) ? `${value}T23:59:59Z` : value;
  // Strict: 2026-02-30 is refused, not rolled over to March 2; a time needs its zone.
  const time = parseInstant(iso);
  if (time === undefined) throw new UsageError(`--as-of must be an ISO date or time such as 2026-11-20 or 2026-11-20T12:00:00Z, got ${JSON.stringify(value)}`);
  return new Date(time);
}

function parseDays(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 3650) throw new UsageError(`--days must be a whole number of days from 1 to 3650, got ${JSON.stringify(value)}`);
  return Number(value);
}

function parseSeverity(value: string): Severity {
  const s = severitySchema.safeParse(value);
  if (!s.success) throw new UsageError(`--fail-on must be high, medium or low, got ${JSON.stringify(value)}`);
  return s.data;
}
