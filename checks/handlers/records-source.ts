import type { S3Client } from '@aws-sdk/client-s3';
import { collectAttestations, readRegisterObject } from '../collect/records';
import type { Evidence } from '../model/audit-model';
import type { AttestationLog } from '../model/attestations';
import { registerEvidence } from '../register/load';
import type { Register } from '../register/schema';
import type { InputRecord } from '../report-model';
import { requireEnv } from './environment';

/** The deployed register (REGISTER_BUCKET / REGISTER_KEY) as a check's evidence. */
export async function deployedRegister(s3: S3Client, inputs: InputRecord[], env: NodeJS.ProcessEnv = process.env): Promise<Evidence<Register>> {
  return registerEvidence(await readRegisterObject(s3, requireEnv('REGISTER_BUCKET', env), requireEnv('REGISTER_KEY', env), inputs));
}

/** The AI-attestation export filed beside the register. */
export function deployedAttestations(s3: S3Client, inputs: InputRecord[], env: NodeJS.ProcessEnv = process.env): Promise<Evidence<AttestationLog>> {
  return collectAttestations(s3, requireEnv('REGISTER_BUCKET', env), inputs);
}
