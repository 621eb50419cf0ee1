import { IAMClient } from '@aws-sdk/client-iam';
import { collectAuthorization } from '../collect/iam-evidence';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { privilegeCreep } from '../rules/privilege-creep';
import { bundledConfig } from './bundled-config';
import { runCheckFunction } from './check-run';

const iam = new IAMClient(SDK_OPTIONS);

export const handler = (event: unknown) =>
  runCheckFunction(privilegeCreep, event, bundledConfig(), async (_window, inputs) => ({ authorization: await collectAuthorization(iam, inputs) }));
