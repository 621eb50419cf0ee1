#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildCodingEnv } from '../lib/build-app';
import { InputError, loadConfigFile } from '../lib/config/load';
import { dateInZone } from '../lib/config/roster';
import { isoDate } from '../lib/config/schema';
import { acknowledgementsFor } from '../policies/acknowledgements';
import { applyGates } from '../policies/gates';
import { synthGateSummary } from '../policies/synth-summary';
import { synthFailure } from './synth-failure';

/** `-c config=PATH` (default config/coding-env.json), `-c asOf=YYYY-MM-DD` (default: today in the organisation's zone). */
function main(): void {
  const app = new App();
  const configPath = contextString(app, 'config') ?? 'config/coding-env.json';
  const config = loadConfigFile(configPath);
  const asOf = contextString(app, 'asOf') ?? dateInZone(new Date(), config.organization.timezone);
  if (!isoDate.safeParse(asOf).success) {
    throw new InputError('context asOf', [{ path: 'asOf', message: `must be a date YYYY-MM-DD, got ${JSON.stringify(asOf)}` }]);
  }
  buildCodingEnv(app, config, { asOf });
  // AwsSolutions, HIPAA.Security and our HIPAA.Coding pack: synth fails on any unacknowledged error.
  applyGates(app, acknowledgementsFor(config, asOf));
  try {
    app.synth();
  } finally {
    // Each pack and its result, also when the gates fail the synth (our own pack's pass shows too).
    process.stderr.write(`${synthGateSummary(app.outdir)}\n`);
  }
}

function contextString(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined ? undefined : String(value);
}

try {
  main();
} catch (err) {
  const failure = synthFailure(err);
  process.stderr.write(`${failure.message}\n`);
  process.exitCode = failure.exitCode;
}
