import type { SecurityHubTarget } from '../report/asff';
import { optionalEnv, requireEnv } from './environment';

/**
 * The report step's Security Hub switch: `SECURITY_HUB_IMPORT=true` (set by the stack when
 * synthesized with `-c securityHubImport=true`) with the product ARN and account it imports to.
 * Off (undefined) otherwise; on but incomplete is a deployment error, named.
 */
export function securityHubTargetFromEnv(env: NodeJS.ProcessEnv = process.env): SecurityHubTarget | undefined {
  const flag = optionalEnv('SECURITY_HUB_IMPORT', env);
  if (flag === undefined || flag === 'false') return undefined;
  if (flag !== 'true') throw new Error(`environment variable SECURITY_HUB_IMPORT must be true or false, got ${JSON.stringify(flag)}`);
  const productArn = requireEnv('SECURITY_HUB_PRODUCT_ARN', env);
  const [, partition, , region, accountId] = productArn.split(':');
  // An account id absent is tested as the text "undefined": not twelve digits either.
  if (!partition || !region || !/^\d{12}$/.test(accountId)) throw new Error('environment variable SECURITY_HUB_PRODUCT_ARN is not a Security Hub product ARN');
  return { productArn, accountId, region, partition };
}
