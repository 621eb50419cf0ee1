import type { App } from 'aws-cdk-lib';
import { CodingEnvStack } from './coding-env-stack';
import type { CodingEnvConfig } from './config/schema';

/** The stack's name; the policy-gate CLI and docs refer to it. */
export const STACK_NAME = 'CodingEnv';

/**
 * Builds the environment into `app`: one environment-agnostic stack (no lookups, no
 * credentials needed to synthesize). `options.asOf` (YYYY-MM-DD) decides who is departed.
 */
export function buildCodingEnv(app: App, config: CodingEnvConfig, options: { asOf: string }): CodingEnvStack {
  return new CodingEnvStack(app, STACK_NAME, {
    config,
    asOf: options.asOf,
    description: `HIPAA medical-coding environment of ${config.organization.name}`,
  });
}
