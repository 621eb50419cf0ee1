import { IAMClient } from '@aws-sdk/client-iam';
import { collectCredentialReport } from '../collect/iam-evidence';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { staleAccess } from '../rules/stale-access';
import { bundledConfig } from './bundled-config';
import { runCheckFunction } from './check-run';

const iam = new IAMClient(SDK_OPTIONS);

export const handler = (event: unknown) =>
  runCheckFunction(staleAccess, event, bundledConfig(), async (_window, inputs) => ({ credentialReport: await collectCredentialReport(iam, inputs) }));
