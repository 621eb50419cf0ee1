import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { eventSources } from '../../../checks/handlers/event-check';
import { integrityTarget, runAuditIntegrity, withProbe } from '../../../checks/handlers/integrity-step';
import type { CheckRunResult } from '../../../checks/check-results';
import type { IntegrityState, IntegrityTarget } from '../../../checks/model/integrity';
import type { InputRecord } from '../../../checks/report-model';
import { config } from '../helpers';
import { serveAthenaExample } from '../athena-fake';
import { FAULTS } from '../collect/aws-faults';
import { serveHealthyIntegrity } from './fake-aws';

const target: IntegrityTarget = { trailArn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/CodingEnv-AuditTrail', archiveBucket: 'archive', phiBucket: 'examplecoding-phi-records', stackName: 'CodingEnv', retentionDays: 2192 };
const healthy: IntegrityState = {
  trail: { arn: target.trailArn, isLogging: true },
  selectors: { basic: [{ readWriteType: 'All', dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::examplecoding-phi-records/'] }] }], advanced: [] },
  objectLock: { enabled: true, mode: 'COMPLIANCE', days: 2192 },
  drift: { stack: 'CodingEnv', stackStatus: 'IN_SYNC', resources: [] },
};
const eventFinding = { check: 'audit-integrity', rule: 'trail-stopped', principal: 'mallory', severity: 'high' as const, summary: 's', evidence: {} };
const eventsInput: InputRecord = { source: 'athena:coding-env-audit:ev', kind: 'cloudtrail-athena-events', status: 'read', records: 3, sha256: 'a'.repeat(64) };
const probeInput: InputRecord = { source: 'api:integrity:CodingEnv', kind: 'integrity-probe', status: 'read', records: 3, sha256: '' };
const ok: CheckRunResult = { check: 'audit-integrity', status: 'ok', findings: [eventFinding], inputs: [eventsInput] };

describe('withProbe', () => {
  test('both whole: ok, the event findings and the probe’s, both inputs', () => {
    const result = withProbe(ok, { ok: true, value: { ...healthy, trail: { ...healthy.trail, isLogging: false } } }, [probeInput], target);
    expect(result.status).toBe('ok');
    expect(result).not.toHaveProperty('error');
    expect(result.findings.map((f) => f.rule)).toEqual(['trail-stopped', 'trail-not-logging']);
    expect(result.inputs).toEqual([eventsInput, probeInput]);
  });

  test('the probe unavailable: error with its reason, the event findings kept', () => {
    const result = withProbe(ok, { ok: false, error: 'integrity probe: cloudtrail:GetTrailStatus failed: AccessDeniedException' }, [], target);
    expect(result).toMatchObject({ status: 'error', error: 'integrity probe: cloudtrail:GetTrailStatus failed: AccessDeniedException', findings: [eventFinding] });
  });

  test('the events incomplete and the probe whole: error, the events’ reason alone', () => {
    const result = withProbe({ ...ok, status: 'error', error: 'events incomplete' }, { ok: true, value: healthy }, [probeInput], target);
    expect(result).toMatchObject({ status: 'error', error: 'events incomplete' });
  });

  test('both incomplete: both reasons, events first', () => {
    const result = withProbe({ ...ok, status: 'error', error: 'events incomplete' }, { ok: false, error: 'probe down' }, [], target);
    expect(result.error).toBe('events incomplete; probe down');
  });

  test('an error status without words is still error once the probe has failed; a stale error on an ok result is dropped', () => {
    expect(withProbe({ ...ok, status: 'error' }, { ok: false, error: 'probe down' }, [], target)).toMatchObject({ status: 'error', error: 'probe down' });
    const stale = withProbe({ ...ok, error: 'left over' }, { ok: true, value: healthy }, [], target);
    expect(stale.status).toBe('ok');
    expect(stale).not.toHaveProperty('error');
  });
});

describe('integrityTarget', () => {
  const env = { TRAIL_ARN: target.trailArn, TRAIL_BUCKET: 'archive', STACK_NAME: 'CodingEnv' };
  test('what the stack deployed; seven years of retention unless set', () => {
    expect(integrityTarget(config(), env)).toEqual({ ...target, phiBucket: config().storage.phiBucketName, retentionDays: 2192 });
    expect(integrityTarget(config(), { ...env, ARCHIVE_RETENTION_DAYS: '1' }).retentionDays).toBe(1);
  });
  test.each(['0', '-1', '2.5', 'seven years'])('a retention of %s is refused, naming the variable', (raw) => {
    expect(() => integrityTarget(config(), { ...env, ARCHIVE_RETENTION_DAYS: raw })).toThrow(new Error('environment variable ARCHIVE_RETENTION_DAYS must be a whole number of days'));
  });
  test.each(['TRAIL_ARN', 'TRAIL_BUCKET', 'STACK_NAME'])('without %s: an error naming it', (name) => {
    expect(() => integrityTarget(config(), { ...env, [name]: undefined })).toThrow(new RegExp(`environment variable ${name} is not set`));
  });
});

describe('runAuditIntegrity', () => {
  const trail = mockClient(CloudTrailClient);
  const s3 = mockClient(S3Client);
  const cloudFormation = mockClient(CloudFormationClient);
  const athena = mockClient(AthenaClient);
  const saved = { ...process.env };
  beforeEach(() => {
    process.env = { ...saved, TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: '540', AWS_REGION: 'us-east-1' };
    for (const m of [trail, s3, cloudFormation, athena]) m.reset();
    serveAthenaExample(athena);
    serveHealthyIntegrity(trail, s3, cloudFormation, target.archiveBucket);
  });
  afterAll(() => {
    process.env = saved;
  });
  const deps = () => ({ config: config(), sources: eventSources(), clients: { cloudTrail: new CloudTrailClient({}), s3: new S3Client({}), cloudFormation: new CloudFormationClient({}) }, target });

  test('a run the state machine started wrongly is refused as it came, before any call: no probe', async () => {
    const result = await runAuditIntegrity({ check: 'audit-integrity' }, deps());
    expect(result).toEqual({ check: 'audit-integrity', status: 'error', error: expect.stringMatching(/^invalid input from the state machine: startedAt: /), findings: [], inputs: [] });
    for (const m of [trail, s3, cloudFormation, athena]) expect(m.calls()).toHaveLength(0);
  });

  test('events that could not be read still get the probe: the events’ reason, the probe’s findings and input kept', async () => {
    athena.on(StartQueryExecutionCommand).rejects(FAULTS.denied('athena:StartQueryExecution'));
    trail.on(GetTrailStatusCommand).resolves({ IsLogging: false });
    const result = await runAuditIntegrity({ check: 'audit-integrity', startedAt: '2026-11-20T12:00:00.000Z' }, deps());
    expect(result.status).toBe('error');
    expect(result.error).toMatch(/^evidence unavailable: CloudTrail events: Athena: access denied \(AccessDenied\)/);
    expect(result.findings.map((f) => f.rule)).toEqual(['trail-not-logging']);
    expect(result.inputs).toContainEqual(expect.objectContaining({ source: 'api:integrity:CodingEnv', kind: 'integrity-probe', status: 'read' }));
  });
});
