import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { defaultProductArn, type SecurityHubTarget } from '../report/asff';

/**
 * Where findings go: the account of the caller's credentials (STS GetCallerIdentity, which needs
 * no permission), the SDK's region, the partition from the caller's ARN, and that account's
 * default product (`product/<account>/default`, the one for custom integrations).
 */
export async function resolveSecurityHubTarget(sts: STSClient, hub: SecurityHubClient): Promise<SecurityHubTarget> {
  const region = await hub.config.region();
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  const accountId = identity.Account;
  const partition = identity.Arn?.split(':')[1];
  if (!accountId || !partition) throw new Error('STS GetCallerIdentity returned no account or ARN');
  return { productArn: defaultProductArn(partition, region, accountId), accountId, region, partition };
}
