import { GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { attempt, collectAuthorization, collectCredentialReport, collectIamReports } from '../../../checks/collect/iam-evidence';
import type { InputRecord } from '../../../checks/report-model';
import { FAULTS } from './aws-faults';
import { fakeClock } from './fake-clock';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());
const client = () => new IAMClient({ region: 'us-east-1' });
const CSV = readFileSync('test/fixtures/evidence/example/credential-report.csv', 'utf8');
const DETAILS = JSON.parse(readFileSync('test/fixtures/evidence/example/account-authorization-details.json', 'utf8'));
const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const report = (csv: string) => {
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves({ Content: new Uint8Array(Buffer.from(csv)), ReportFormat: 'text/csv' });
};
const USERS = CSV.trimEnd().split('\n').length - 1;

describe('attempt', () => {
  test('a value is ok and adds no input; a failure is a skipped input with the reason', async () => {
    const inputs: InputRecord[] = [];
    await expect(attempt('api:x', 'x-kind', inputs, async () => 42)).resolves.toEqual({ ok: true, value: 42 });
    expect(inputs).toEqual([]);
    await expect(attempt('api:x', 'x-kind', inputs, async () => Promise.reject(FAULTS.denied('iam:GetThing')))).resolves.toEqual({ ok: false, error: 'access denied (AccessDenied): not authorized to perform iam:GetThing' });
    expect(inputs).toEqual([{ source: 'api:x', kind: 'x-kind', status: 'skipped', records: 0, sha256: '', problem: 'access denied (AccessDenied): not authorized to perform iam:GetThing' }]);
  });
});

describe('collectCredentialReport', () => {
  test('a whole report: read, every row, the SHA-256 of the bytes, no problems', async () => {
    report(CSV);
    const inputs: InputRecord[] = [];
    const got = await collectCredentialReport(client(), inputs, fakeClock());
    expect(Object.keys(got).sort()).toEqual(['ok', 'value']);
    expect(inputs).toEqual([{ source: 'api:iam:GetCredentialReport', kind: 'credential-report', status: 'read', records: USERS, sha256: sha(CSV) }]);
  });

  test('a malformed row: partial, the row named in the input and in the evidence’s problems, the other rows kept', async () => {
    const csv = `${CSV.trimEnd()}\nghost,arn:aws:iam::111122223333:user/ghost,true\n`;
    report(csv);
    const inputs: InputRecord[] = [];
    const got = await collectCredentialReport(client(), inputs, fakeClock());
    const line = `line ${USERS + 2}: 3 fields, the header has 22; row skipped`;
    expect(inputs).toEqual([{ source: 'api:iam:GetCredentialReport', kind: 'credential-report', status: 'partial', records: USERS, sha256: sha(csv), problem: line }]);
    expect(got).toMatchObject({ ok: true, problems: [`api:iam:GetCredentialReport: ${line}`] });
    expect(got.ok && got.value.users.length).toBe(USERS - 1);
  });

  test('an unknown column is a note on a report still read whole', async () => {
    const [header, ...rows] = CSV.trimEnd().split('\n');
    const csv = [`${header},extra_column`, ...rows.map((r) => `${r},x`)].join('\n');
    report(csv);
    const inputs: InputRecord[] = [];
    const got = await collectCredentialReport(client(), inputs, fakeClock());
    expect(inputs).toEqual([expect.objectContaining({ status: 'read', problem: 'unknown columns ignored: extra_column' })]);
    expect(got.ok && got.problems).toBeUndefined();
  });

  test('a rejected row and an unknown column: both in the input’s problem, the row first', async () => {
    const [header, ...rows] = CSV.trimEnd().split('\n');
    const csv = [`${header},extra_column`, ...rows.map((r) => `${r},x`), 'ghost,x'].join('\n');
    report(csv);
    const inputs: InputRecord[] = [];
    await collectCredentialReport(client(), inputs, fakeClock());
    expect(inputs[0]).toMatchObject({ status: 'partial', problem: `line ${USERS + 2}: 2 fields, the header has 23; row skipped; unknown columns ignored: extra_column` });
  });

  test('not a credential report: unavailable, skipped, never a throw', async () => {
    report('name,value\na,b\n');
    const inputs: InputRecord[] = [];
    const got = await collectCredentialReport(client(), inputs, fakeClock());
    expect(got).toEqual({ ok: false, error: expect.stringMatching(/^not a credential report: header lacks user, arn/) });
    expect(inputs).toEqual([{ source: 'api:iam:GetCredentialReport', kind: 'credential-report', status: 'skipped', records: 0, sha256: '', problem: got.ok ? '' : got.error }]);
  });
});

describe('collectAuthorization', () => {
  test('a whole export: read, users + groups + roles + policies as records', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ ...DETAILS, IsTruncated: false });
    const inputs: InputRecord[] = [];
    const got = await collectAuthorization(client(), inputs, fakeClock());
    const records = DETAILS.UserDetailList.length + DETAILS.GroupDetailList.length + DETAILS.RoleDetailList.length + DETAILS.Policies.length;
    expect(inputs).toEqual([{ source: 'api:iam:GetAccountAuthorizationDetails', kind: 'authorization-details', status: 'read', records, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(Object.keys(got).sort()).toEqual(['ok', 'value']);
  });

  test('a managed policy attached without its document: partial, naming it, the evidence has the problem', async () => {
    const arn = 'arn:aws:iam::111122223333:policy/Undocumented';
    const users = DETAILS.UserDetailList.map((u: Record<string, unknown>, i: number) => (i === 0 ? { ...u, AttachedManagedPolicies: [{ PolicyName: 'Undocumented', PolicyArn: arn }] } : u));
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ ...DETAILS, UserDetailList: users, IsTruncated: false });
    const inputs: InputRecord[] = [];
    const got = await collectAuthorization(client(), inputs, fakeClock());
    const problem = `managed policy ${arn} (attached to user ${DETAILS.UserDetailList[0].UserName}) has no default-version document in the export: effective access cannot be judged`;
    expect(inputs).toEqual([expect.objectContaining({ status: 'partial', problem })]);
    expect(got).toMatchObject({ ok: true, problems: [`api:iam:GetAccountAuthorizationDetails: ${problem}`] });
  });

  test('two undocumented policies: both named in the one input, joined', async () => {
    const arns = ['arn:aws:iam::111122223333:policy/A', 'arn:aws:iam::111122223333:policy/B'];
    const users = DETAILS.UserDetailList.map((u: Record<string, unknown>, i: number) => (i < 2 ? { ...u, AttachedManagedPolicies: [{ PolicyName: `P${i}`, PolicyArn: arns[i] }] } : u));
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ ...DETAILS, UserDetailList: users, IsTruncated: false });
    const inputs: InputRecord[] = [];
    await collectAuthorization(client(), inputs, fakeClock());
    const named = arns.map((arn, i) => `managed policy ${arn} (attached to user ${DETAILS.UserDetailList[i].UserName}) has no default-version document in the export: effective access cannot be judged`);
    expect(inputs[0].problem).toBe(named.join('; '));
  });
});

test('collectIamReports: the credential report first, then the authorization details, each announced', async () => {
  report(CSV);
  iam.on(GetAccountAuthorizationDetailsCommand).rejects(FAULTS.denied('iam:GetAccountAuthorizationDetails'));
  const said: string[] = [];
  const inputs: InputRecord[] = [];
  const { credentialReport, authorization } = await collectIamReports(client(), inputs, fakeClock(), (m) => said.push(m));
  expect(said).toEqual(['generating the IAM credential report', 'reading IAM authorization details']);
  expect(credentialReport.ok).toBe(true);
  expect(authorization).toEqual({ ok: false, error: 'access denied (AccessDenied): not authorized to perform iam:GetAccountAuthorizationDetails' });
  expect(inputs.map((i) => [i.source, i.kind, i.status])).toEqual([['api:iam:GetCredentialReport', 'credential-report', 'read'], ['api:iam:GetAccountAuthorizationDetails', 'authorization-details', 'skipped']]);
});
