import { S3Client } from '@aws-sdk/client-s3';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { breachNotification } from '../rules/breach-notification';
import { bundledConfig } from './bundled-config';
import { runCheckFunction } from './check-run';
import { deployedRegister } from './records-source';

const s3 = new S3Client(SDK_OPTIONS);

export const handler = (event: unknown) =>
  runCheckFunction(breachNotification, event, bundledConfig(), async (_window, inputs) => ({ register: await deployedRegister(s3, inputs) }));
