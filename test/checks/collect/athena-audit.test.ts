import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { auditWindow } from '../../../checks/audit';
import { collectAthenaAudit } from '../../../checks/collect/athena-audit';
import type { AwsClients } from '../../../checks/collect/clients';
import { COLUMNS, COVERAGE_COLUMNS, pages } from './athena-rows';
import { FAULTS } from './aws-faults';
import { fakeClock } from './fake-clock';

const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);
const athena = mockClient(AthenaClient);
beforeEach(() => {
  [iam, sts, athena].forEach((m) => m.reset());
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves({ Content: new Uint8Array(readFileSync('test/fixtures/evidence/example/credential-report.csv')), ReportFormat: 'text/csv' });
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({ ...JSON.parse(readFileSync('test/fixtures/evidence/example/account-authorization-details.json', 'utf8')), IsTruncated: false });
});

const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 1);
const clients = (): AwsClients => ({ iam: new IAMClient({ region: 'us-east-1' }), s3: undefined as never, cloudTrail: () => undefined as never });
const options = () => ({ window, clients: clients(), sts: new STSClient({ region: 'us-east-1' }), athena: new AthenaClient({ region: 'us-east-1' }), clock: fakeClock() });
const ATTESTATIONS = { ok: true, value: { sources: [], rows: [] } };

describe('collectAthenaAudit: the account is the caller’s, or there is no query', () => {
  test.each([
    ['GetCallerIdentity denied', () => sts.on(GetCallerIdentityCommand).rejects(FAULTS.denied('sts:GetCallerIdentity')), 'access denied (AccessDenied): not authorized to perform sts:GetCallerIdentity'],
    ['no account in the answer', () => sts.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:aws:iam::111122223333:user/x' }), 'GetCallerIdentity returned no account'],
    ['an account that is not 12 digits', () => sts.on(GetCallerIdentityCommand).resolves({ Account: '1111222233334' }), 'GetCallerIdentity returned no account'],
  ])('%s: the events are unavailable, every day uncovered, no query started', async (_name, arrange, why) => {
    arrange();
    const loaded = await collectAthenaAudit(options());
    const problem = `cannot identify the AWS account to query (sts:GetCallerIdentity): ${why}`;
    expect(loaded.model.events).toEqual({ ok: false, error: problem });
    expect(loaded.model.coverage?.gaps).toEqual([{ from: '2026-11-19', to: '2026-11-20' }]);
    expect(loaded.model.attestations).toEqual(ATTESTATIONS);
    // The IAM evidence is read all the same.
    expect(loaded.model.credentialReport.ok).toBe(true);
    expect(loaded.model.authorization.ok).toBe(true);
    expect(loaded.inputs.map((i) => i.source)).toEqual(['api:iam:GetCredentialReport', 'api:iam:GetAccountAuthorizationDetails', 'api:sts:GetCallerIdentity']);
    expect(loaded.inputs[2]).toEqual({ source: 'api:sts:GetCallerIdentity', kind: 'cloudtrail-athena-account', status: 'skipped', records: 0, sha256: '', problem });
    expect(athena.calls()).toHaveLength(0);
  });

  test('the caller’s account, the regions named: both queries over them, polls on the run’s clock, IAM and Athena inputs in order', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
    athena.on(StartQueryExecutionCommand).callsFake((input: { QueryString: string }) => ({ QueryExecutionId: input.QueryString.includes('GROUP BY') ? 'cov' : 'ev' }));
    athena.on(GetQueryExecutionCommand).resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } }).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    const cov = pages(COVERAGE_COLUMNS, ['2026-11-19', '2026-11-20'].map((utc_day) => ({ account: '111122223333', utc_day, events: '1' })));
    const ev = pages(COLUMNS, ['2026-11-19T15:00:00Z', '2026-11-20T09:00:00Z'].map((eventtime, i) => ({ eventid: `e${i}`, eventtime, eventname: 'DescribeInstances', eventsource: 'ec2.amazonaws.com', recipientaccountid: '111122223333', identity_type: 'AssumedRole' })));
    athena.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId: string }) => (input.QueryExecutionId === 'cov' ? cov[0] : ev[0]));
    const said: string[] = [];
    const clock = fakeClock();
    const loaded = await collectAthenaAudit({ ...options(), clock, regions: ['us-east-1', 'us-west-2'], progress: (m) => said.push(m), query: { pollIntervalMs: 250 } });
    expect(said).toEqual(['generating the IAM credential report', 'reading IAM authorization details', 'querying Athena (workgroup coding-env-audit) over account 111122223333 in us-east-1, us-west-2']);
    const sql = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input.QueryString ?? '');
    expect(sql).toHaveLength(2);
    for (const q of sql) {
      expect(q).toContain(`"account" IN ('111122223333')`);
      expect(q).toContain(`"region" IN ('us-east-1', 'us-west-2')`);
    }
    // The first poll of the first query said RUNNING: one wait, of the interval given, on the run's clock.
    expect(clock.sleeps).toEqual([250]);
    expect(loaded.inputs.map((i) => [i.source, i.status])).toEqual([
      ['api:iam:GetCredentialReport', 'read'],
      ['api:iam:GetAccountAuthorizationDetails', 'read'],
      ['athena:coding-env-audit:cov', 'read'],
      ['athena:coding-env-audit:ev', 'read'],
    ]);
    expect(loaded.model.events).toEqual({ ok: true, value: [expect.objectContaining({ id: 'e0' }), expect.objectContaining({ id: 'e1' })] });
    expect(loaded.model.coverage?.gaps).toEqual([]);
    expect(loaded.model.attestations).toEqual(ATTESTATIONS);
  });

  test('no regions named: every region of the table, and the progress says only the account', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'FAILED' } } });
    const said: string[] = [];
    const loaded = await collectAthenaAudit({ ...options(), progress: (m) => said.push(m) });
    expect(said[2]).toBe('querying Athena (workgroup coding-env-audit) over account 111122223333');
    for (const c of athena.commandCalls(StartQueryExecutionCommand)) expect(c.args[0].input.QueryString).not.toContain('"region"');
    expect(loaded.model.events).toEqual({ ok: false, error: 'Athena query q FAILED: the events were not read; Athena query q FAILED: the events were not read' });
  });
});

test('collectAthenaAudit: the clients passed in are the ones called, never new ones', async () => {
  // The class-wide mocks answer nothing: only the instances below answer.
  iam.reset();
  sts.reset();
  const ownIam = new IAMClient({ region: 'us-east-1' });
  const ownSts = new STSClient({ region: 'us-east-1' });
  const iamStub = mockClient(ownIam);
  const stsStub = mockClient(ownSts);
  try {
    iamStub.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iamStub.on(GetCredentialReportCommand).resolves({ Content: new Uint8Array(readFileSync('test/fixtures/evidence/example/credential-report.csv')), ReportFormat: 'text/csv' });
    iamStub.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [], IsTruncated: false });
    stsStub.on(GetCallerIdentityCommand).resolves({ Account: 'not-an-account' });
    const loaded = await collectAthenaAudit({ ...options(), clients: { iam: ownIam, s3: undefined as never, cloudTrail: () => undefined as never }, sts: ownSts });
    expect(loaded.model.credentialReport.ok).toBe(true);
    expect(loaded.model.authorization.ok).toBe(true);
    expect(loaded.model.events).toEqual({ ok: false, error: 'cannot identify the AWS account to query (sts:GetCallerIdentity): GetCallerIdentity returned no account' });
    // With the caller's account, the queries go to the Athena client given.
    athena.reset();
    const ownAthena = new AthenaClient({ region: 'us-east-1' });
    const athenaStub = mockClient(ownAthena);
    try {
      stsStub.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
      athenaStub.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'mine' });
      athenaStub.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'FAILED' } } });
      const queried = await collectAthenaAudit({ ...options(), clients: { iam: ownIam, s3: undefined as never, cloudTrail: () => undefined as never }, sts: ownSts, athena: ownAthena });
      expect(queried.model.events).toEqual({ ok: false, error: 'Athena query mine FAILED: the events were not read; Athena query mine FAILED: the events were not read' });
    } finally {
      athenaStub.restore();
    }
  } finally {
    iamStub.restore();
    stsStub.restore();
  }
});
