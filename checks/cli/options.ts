import { parseArgs } from 'node:util';
import { severitySchema, type Severity } from '../report-model';
import { UsageError } from './usage';

export interface AuditOptions {
  readonly config: string;
  readonly register: string;
  readonly out: string;
  readonly source: { readonly kind: 'evidence'; readonly dir: string } | { readonly kind: 'live'; readonly regions?: string[]; readonly trailBucket?: string; readonly trailPrefix?: string };
  readonly asOf: Date;
  readonly days: number;
  readonly failOn?: Severity;
}

export interface ValidateOptions {
  readonly config: string;
  readonly register?: string;
}

export type Command = { readonly name: 'help' } | { readonly name: 'audit'; readonly options: AuditOptions } | { readonly name: 'validate'; readonly options: ValidateOptions };

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
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCommand(argv: readonly string[], now: Date): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { name: 'help' };
  const [command, ...extra] = positionals;
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
  if (command !== 'audit') throw new UsageError(`unknown command ${JSON.stringify(command)} (expected audit or validate)`);

  if ((values.evidence === undefined) === (values.live !== true)) throw new UsageError('audit needs exactly one of --evidence DIR or --live');
  const live = values.live === true;
  if (!live) {
    const liveOnly = (['regions', 'trail-bucket', 'trail-prefix'] as const).find((f) => values[f] !== undefined);
    if (liveOnly) throw new UsageError(`--${liveOnly} applies only with --live`);
  }
  if (values['trail-prefix'] !== undefined && values['trail-bucket'] === undefined) throw new UsageError('--trail-prefix needs --trail-bucket');

  const regions = values.regions?.split(',').map((r) => r.trim()).filter(Boolean);
  if (regions && (regions.length === 0 || regions.some((r) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(r)))) throw new UsageError(`--regions must be AWS regions separated by commas, got ${JSON.stringify(values.regions)}`);

  return {
    name: 'audit',
    options: {
      config: need('config'),
      register: need('register'),
      out: need('out'),
      source: live ? { kind: 'live', regions, trailBucket: values['trail-bucket'], trailPrefix: values['trail-prefix'] } : { kind: 'evidence', dir: need('evidence') },
      asOf: values['as-of'] === undefined ? now : parseAsOf(values['as-of']),
      days: values.days === undefined ? 30 : parseDays(values.days),
      failOn: values['fail-on'] === undefined ? undefined : parseSeverity(values['fail-on']),
    },
  };
}

function parseAsOf(value: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59Z` : value;
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso);
  const time = Date.parse(iso);
  if (!ok || Number.isNaN(time)) throw new UsageError(`--as-of must be an ISO date or time such as 2026-11-20 or 2026-11-20T12:00:00Z, got ${JSON.stringify(value)}`);
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
