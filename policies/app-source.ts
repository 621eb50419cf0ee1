import type { App, Stack } from 'aws-cdk-lib';
import type { CodingEnvConfig } from '../lib/config/schema';

/**
 * Where the gate CLI gets the environment from: `buildCodingEnv` in lib/build-app.ts, built on
 * another branch. It is required at run time and typed here by its expected signature, so this
 * branch type-checks before that file lands; if it is missing, the CLI says so plainly.
 */
export type BuildCodingEnv = (app: App, config: CodingEnvConfig, options: { asOf: string }) => Stack;

export class MissingAppError extends Error {
  constructor(detail: string) {
    super(`cannot build the environment: ${detail}`);
    this.name = 'MissingAppError';
  }
}

function loadBuildCodingEnv(): BuildCodingEnv {
  let mod: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('../lib/build-app');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The module not found is named as required, in quotes; the message also lists the require
    // stack (build-app among it when a module build-app needs is the one missing), by absolute path.
    if (code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes("'../lib/build-app'")) {
      throw new MissingAppError('lib/build-app.ts is missing (it exports buildCodingEnv)');
    }
    throw error;
  }
  const build = (mod as { buildCodingEnv?: unknown }).buildCodingEnv;
  if (typeof build !== 'function') throw new MissingAppError('lib/build-app.ts does not export a function buildCodingEnv');
  return build as BuildCodingEnv;
}

/** Build the coding environment into `app`, exactly as bin/app.ts does. */
export function buildEnvironment(app: App, config: CodingEnvConfig, asOf: string): Stack {
  const buildCodingEnv = loadBuildCodingEnv();
  return buildCodingEnv(app, config, { asOf });
}
