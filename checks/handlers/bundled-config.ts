import * as path from 'node:path';
import { loadConfigFile } from '../../lib/config/load';
import type { CodingEnvConfig } from '../../lib/config/schema';
import { BUNDLED_CONFIG_FILE } from '../../lib/audit-function';

/** The config the stack bundled beside the handler: the Lambdas judge by the deployed roster. */
export function loadBundledConfig(dir = process.env.LAMBDA_TASK_ROOT ?? __dirname): CodingEnvConfig {
  return loadConfigFile(path.join(dir, BUNDLED_CONFIG_FILE));
}
