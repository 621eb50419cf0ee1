import { S3Client } from '@aws-sdk/client-s3';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { aiAttestation } from '../rules/ai-attestation';
import { bundledConfig } from './bundled-config';
import { runCheckFunction } from './check-run';
import { deployedAttestations, deployedRegister } from './records-source';

const s3 = new S3Client(SDK_OPTIONS);

export const handler = (event: unknown) =>
  runCheckFunction(aiAttestation, event, bundledConfig(), async (_window, inputs) => ({
    register: await deployedRegister(s3, inputs),
    attestations: await deployedAttestations(s3, inputs),
  }));
