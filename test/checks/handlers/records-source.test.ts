import { createReadStream } from 'node:fs';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { deployedAttestations, deployedRegister } from '../../../checks/handlers/records-source';
import type { InputRecord } from '../../../checks/report-model';
import { EVIDENCE } from './fake-aws';

const s3 = mockClient(S3Client);
const BUCKET = 'codingenv-register-bucket';
const KEY = 'records/register.json';
const env = { REGISTER_BUCKET: BUCKET, REGISTER_KEY: KEY };

beforeEach(() => {
  s3.reset();
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: KEY }).callsFake(() => ({ Body: createReadStream('test/fixtures/register/example.json') }));
  s3.on(ListObjectsV2Command, { Bucket: BUCKET }).resolves({ Contents: [{ Key: 'ai-attestations.csv' }], IsTruncated: false });
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: 'ai-attestations.csv' }).callsFake(() => ({ Body: createReadStream(`${EVIDENCE}/ai-attestations.csv`) }));
});

describe('deployedRegister', () => {
  test('reads the register at REGISTER_BUCKET / REGISTER_KEY and names it in the inputs', async () => {
    const inputs: InputRecord[] = [];
    const register = await deployedRegister(new S3Client({ region: 'us-east-1' }), inputs, env);
    expect(register.ok).toBe(true);
    expect(s3.commandCalls(GetObjectCommand).map((c) => `${c.args[0].input.Bucket}/${c.args[0].input.Key}`)).toEqual([`${BUCKET}/${KEY}`]);
    expect(inputs).toEqual([expect.objectContaining({ source: `s3://${BUCKET}/${KEY}`, kind: 'register', status: 'read', records: 1 })]);
  });

  test.each(['REGISTER_BUCKET', 'REGISTER_KEY'])('without %s: an error naming it, and nothing read', async (name) => {
    const partial: NodeJS.ProcessEnv = { ...env, [name]: undefined };
    await expect(deployedRegister(new S3Client({ region: 'us-east-1' }), [], partial)).rejects.toThrow(`environment variable ${name} is not set`);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });
});

describe('deployedAttestations', () => {
  test('streams the export filed in REGISTER_BUCKET', async () => {
    const inputs: InputRecord[] = [];
    const log = await deployedAttestations(new S3Client({ region: 'us-east-1' }), inputs, env);
    expect(log).toMatchObject({ ok: true, value: { sources: [`s3://${BUCKET}/ai-attestations.csv`] } });
    expect(inputs).toEqual([expect.objectContaining({ source: `s3://${BUCKET}/ai-attestations.csv`, kind: 'ai-attestations', status: 'read', records: 14 })]);
  });

  test('without REGISTER_BUCKET: an error naming it, and nothing listed', () => {
    expect(() => deployedAttestations(new S3Client({ region: 'us-east-1' }), [], { REGISTER_KEY: KEY })).toThrow('environment variable REGISTER_BUCKET is not set');
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(0);
  });
});
