import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { parseArguments } from '../checks/cli/args';
import { UsageError } from '../checks/cli/usage';
import type { CodingEnvConfig } from '../lib/config/schema';
import { InputError, loadConfigFile } from '../lib/config/load';
import { isoDate } from '../lib/config/schema';
import { dateInZone } from '../lib/config/roster';
import { buildEnvironment, MissingAppError } from './app-source';
import { gateFails } from './findings';
import { type Acknowledgement, acknowledgementsFor } from './acknowledgements';
import { applyGates } from './gates';
import { codingRuleMetadata, COLLECT_FINDINGS_CONTEXT, runGates } from './run-gates';
import { toSarif } from './sarif';
import { packSummaryLine, summarize } from './summary';

/**
 * `npm run gate -- [--sarif FILE] [-c FILE] [--as-of YYYY-MM-DD] [--outdir DIR] [--docs-url URL]`
 * Synthesizes the environment with every pack, prints a summary, writes SARIF 2.1.0.
 * Exit 0 when nothing unacknowledged fails, 1 when something does (or a pack could not run),
 * 2 for bad usage or invalid input.
 */

const USAGE = 'usage: npm run gate -- [--sarif FILE] [-c|--config FILE] [--as-of YYYY-MM-DD] [--outdir DIR] [--docs-url URL]';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Builds the environment; defaults to lib/build-app's buildCodingEnv. */
  readonly build?: (app: App, config: CodingEnvConfig, asOf: string) => void;
  /** The acknowledgements to apply; defaults to `acknowledgementsFor(config)` (policies/acknowledgements.ts). */
  readonly acknowledgements?: readonly Acknowledgement[];
}

const OPTIONS = {
  sarif: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'as-of': { type: 'string' },
  outdir: { type: 'string' },
  'docs-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface GateArgs {
  readonly sarif?: string;
  readonly config: string;
  readonly 'as-of'?: string;
  readonly outdir: string;
  readonly 'docs-url'?: string;
  readonly help?: boolean;
}

function parse(argv: string[]): GateArgs {
  // The same parser as coding-env: every mistake in our words, naming the option.
  const { values, positionals } = parseArguments(argv, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const str = (k: keyof typeof OPTIONS) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const args: GateArgs = { sarif: str('sarif'), config: str('config') ?? 'config/coding-env.json', 'as-of': str('as-of'), outdir: str('outdir') ?? 'cdk.out', 'docs-url': str('docs-url'), help: values.help === true };
  if (args['docs-url'] !== undefined && !/^https?:\/\/[^\s]+$/.test(args['docs-url'])) throw new UsageError(`--docs-url must be an http(s) URL, got ${JSON.stringify(args['docs-url'])}`);
  if (args['as-of'] !== undefined && !isoDate.safeParse(args['as-of']).success) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got ${JSON.stringify(args['as-of'])}`);
  return args;
}

/** The context `cdk synth` would give the app (cdk.json's feature flags), so the gate sees the same template. */
function cdkJsonContext(): Record<string, unknown> {
  if (!existsSync('cdk.json')) return {};
  const parsed: unknown = JSON.parse(readFileSync('cdk.json', 'utf8'));
  const context = (parsed as { context?: unknown }).context;
  return typeof context === 'object' && context !== null ? (context as Record<string, unknown>) : {};
}

/**
 * Where our rules' documentation lives, for SARIF `helpUri`: `--docs-url`, else the commit being
 * checked in GitHub Actions (`GITHUB_SERVER_URL`/`GITHUB_REPOSITORY`/`GITHUB_SHA`).
 */
export function docsBaseUri(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (flag !== undefined) return flag.endsWith('/') ? flag : `${flag}/`;
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  return server && repo && sha ? `${server}/${repo}/blob/${sha}/` : undefined;
}

function toolVersion(): string | undefined {
  const pkg: unknown = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  const version = (pkg as { version?: unknown }).version;
  return typeof version === 'string' ? version : undefined;
}

export function main(argv: string[], io: CliIo): number {
  let args: ReturnType<typeof parse>;
  let config: CodingEnvConfig;
  try {
    args = parse(argv);
    if (args.help) {
      io.out(USAGE);
      return 0;
    }
    config = loadConfigFile(args.config);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.err(`${error.message}\n${error instanceof UsageError ? USAGE : ''}`.trimEnd());
      return 2;
    }
    throw error;
  }
  const asOf = args['as-of'] ?? dateInZone(new Date(), config.organization.timezone);
  try {
    const app = new App({ outdir: args.outdir, context: { ...cdkJsonContext(), asOf, ...COLLECT_FINDINGS_CONTEXT } });
    (io.build ?? ((a, c, d) => buildEnvironment(a, c, d)))(app, config, asOf);
    applyGates(app, io.acknowledgements ?? acknowledgementsFor(config, asOf));
    const result = runGates(app);
    io.out(summarize(result));
    io.out(packSummaryLine(result));
    if (args.sarif) {
      const options = { docsBaseUri: docsBaseUri(args['docs-url']), toolVersion: toolVersion() };
      writeFileSync(args.sarif, `${JSON.stringify(toSarif(result, codingRuleMetadata(), options), null, 2)}\n`);
      io.err(`SARIF written to ${args.sarif}`);
    }
    return gateFails(result) ? 1 : 0;
  } catch (error) {
    // Fail closed: whatever stopped the synth, the change is not proven safe.
    io.err(`gate: ${(error as Error).message}`);
    return error instanceof MissingAppError ? 2 : 1;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), { out: (t) => console.log(t), err: (t) => console.error(t) });
}
