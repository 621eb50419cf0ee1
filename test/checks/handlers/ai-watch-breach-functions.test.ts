import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { checkRunResultSchema } from '../../../checks/check-results';
import { serveAthenaExample } from '../athena-fake';
import { EVIDENCE, lambdaTaskRoot, serveIam } from './fake-aws';

const iam = mockClient(IAMClient);
const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
const athena = mockClient(AthenaClient);

const TRAIL_BUCKET = 'codingenv-auditarchive-bucket';
const REGISTER_BUCKET = 'codingenv-register-bucket';
const event = { check: 'ignored', startedAt: '2026-11-20T12:00:00.000Z' };

/** The register bucket: register.json and, when given, the attestation export under its key. */
function serveRecords(attestation?: { key: string; file: string }): void {
  s3.on(GetObjectCommand, { Bucket: REGISTER_BUCKET, Key: 'register.json' }).callsFake(() => ({ Body: createReadStream('test/fixtures/register/example.json') }));
  s3.on(ListObjectsV2Command, { Bucket: REGISTER_BUCKET }).resolves({ Contents: attestation ? [{ Key: attestation.key }] : [], IsTruncated: false });
  if (attestation) s3.on(GetObjectCommand, { Bucket: REGISTER_BUCKET, Key: attestation.key }).callsFake(() => ({ Body: createReadStream(attestation.file) }));
}

beforeAll(() => {
  Object.assign(process.env, { LAMBDA_TASK_ROOT: lambdaTaskRoot(), TRAIL_BUCKET, REGISTER_BUCKET, REGISTER_KEY: 'register.json', TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: '540', WINDOW_DAYS: '30', AWS_REGION: 'us-east-1' });
});
beforeEach(() => {
  for (const m of [iam, trail, s3, athena]) m.reset();
  serveIam(iam);
  serveAthenaExample(athena);
  serveRecords({ key: 'ai-attestations.csv', file: `${EVIDENCE}/ai-attestations.csv` });
});

const handlerOf = async (name: string) => ((await import(`../../../checks/handlers/${name}`)) as { handler: (e: unknown) => Promise<unknown> }).handler;
const run = async (name: string) => checkRunResultSchema.parse(await (await handlerOf(name))(event));
const flagged = (r: { findings: { rule: string; principal: string }[] }) => r.findings.map((f) => `${f.rule}:${f.principal}`).sort();

describe('the AI, watch-list and breach check functions, end to end against mocked AWS', () => {
  test('ai-use reads the register from its bucket and the Bedrock calls from the trail', async () => {
    const result = await run('ai-use');
    expect(result).toMatchObject({ check: 'ai-use', status: 'ok' });
    expect(flagged(result)).toEqual(['ai-logging-disabled:opsadmin', 'ai-service-without-baa:mgarcia']);
    expect(result.inputs).toEqual(expect.arrayContaining([expect.objectContaining({ source: `s3://${REGISTER_BUCKET}/register.json`, kind: 'register', status: 'read' })]));
  });

  test('watch-list keeps the watched patients\' data events of the archive\'s rows', async () => {
    const result = await run('watch-list');
    expect(result.status).toBe('ok');
    expect(result.findings.map((f) => `${f.principal}:${f.severity}`).sort()).toEqual(['mgarcia:high', 'rpatel:medium']);
  });

  test('breach-notification reads only the register', async () => {
    const result = await run('breach-notification');
    expect(flagged(result)).toEqual(['notification-due-soon:2026-05', 'notification-overdue:2026-03']);
    expect(trail.commandCalls(LookupEventsCommand)).toHaveLength(0);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  test('ai-attestation streams the export filed beside the register', async () => {
    const result = await run('ai-attestation');
    expect(result.status).toBe('ok');
    expect(flagged(result)).toEqual(['attested-by-non-coder:jdoe', 'rubber-stamp:rpatel', 'unattested-ai-codes:CLM-2026-111910']);
    expect(result.inputs).toEqual(expect.arrayContaining([expect.objectContaining({ source: `s3://${REGISTER_BUCKET}/ai-attestations.csv`, kind: 'ai-attestations', status: 'read', records: 14 })]));
  });

  test('no export filed: ai-attestation is ok with nothing to examine', async () => {
    s3.reset();
    serveRecords();
    const result = await run('ai-attestation');
    expect(result).toMatchObject({ status: 'ok', findings: [] });
  });

  test('an export with a rejected row, or a register that cannot be read, is error, never an empty ok', async () => {
    s3.reset();
    serveRecords();
    s3.on(ListObjectsV2Command, { Bucket: REGISTER_BUCKET }).resolves({ Contents: [{ Key: 'ai-attestations.jsonl' }] });
    s3.on(GetObjectCommand, { Bucket: REGISTER_BUCKET, Key: 'ai-attestations.jsonl' }).resolves({ Body: Readable.from([Buffer.from('{"claimId":"C1"}\n')]) as never });
    const bad = await run('ai-attestation');
    expect(bad).toMatchObject({ status: 'error', findings: [] });
    expect(bad.error).toMatch(/AI-attestation export: s3:\/\/codingenv-register-bucket\/ai-attestations.jsonl: 1 of 1 rows rejected \(first at line 1: suggestedAt/);

    s3.on(GetObjectCommand, { Bucket: REGISTER_BUCKET, Key: 'register.json' }).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const denied = await run('breach-notification');
    expect(denied).toMatchObject({ status: 'error', findings: [] });
    expect(denied.error).toMatch(/register: s3:\/\/codingenv-register-bucket\/register.json is invalid: \(root\): cannot be read: Access Denied/);
  });
});
