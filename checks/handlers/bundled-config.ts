import * as path from 'node:path';
import { BUNDLED_CONFIG_FILE, loadConfigFile } from '../../lib/config/load';
import type { CodingEnvConfig } from '../../lib/config/schema';

let cached: CodingEnvConfig | undefined;

/** The config the stack bundled beside the handler: the Lambdas judge by the deployed roster. */
export function bundledConfig(dir = process.env.LAMBDA_TASK_ROOT ?? __dirname): CodingEnvConfig {
  cached ??= loadConfigFile(path.join(dir, BUNDLED_CONFIG_FILE));
  return cached;
}
