import { GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand, GetCredentialReportCommand, IAMClient, LimitExceededException, ServiceFailureException } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { fetchAuthorizationPages } from '../../../checks/collect/authorization-details';
import { fetchCredentialReport } from '../../../checks/collect/credential-report';
import { parseAuthorizationDetails } from '../../../checks/evidence/authorization-details';
import { fakeClock } from './fake-clock';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());
const CSV = readFileSync('test/fixtures/evidence/example/credential-report.csv');

describe('fetchCredentialReport', () => {
  test('polls STARTED and INPROGRESS with growing backoff until COMPLETE, then decodes the bytes', async () => {
    iam.on(GenerateCredentialReportCommand).resolvesOnce({ State: 'STARTED' }).resolvesOnce({ State: 'INPROGRESS' }).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: new Uint8Array(CSV), ReportFormat: 'text/csv' });
    const clock = fakeClock();
    const { csv } = await fetchCredentialReport(new IAMClient({ region: 'us-east-1' }), clock);
    expect(csv).toBe(CSV.toString('utf8'));
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
  });

  test('waits out LimitExceeded and a report still in progress', async () => {
    iam.on(GenerateCredentialReportCommand)
      .rejectsOnce(new LimitExceededException({ message: 'slow down', $metadata: {} }))
      .resolves({ State: 'COMPLETE' });
    const inProgress = Object.assign(new Error('report in progress'), { name: 'ReportInProgress' });
    iam.on(GetCredentialReportCommand).rejectsOnce(inProgress).resolves({ Content: new Uint8Array(CSV) });
    const clock = fakeClock();
    await expect(fetchCredentialReport(new IAMClient({ region: 'us-east-1' }), clock)).resolves.toMatchObject({ csv: expect.stringContaining('jdoe') });
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  test('gives up after maxAttempts, and does not retry other errors', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    await expect(fetchCredentialReport(new IAMClient({ region: 'us-east-1' }), fakeClock(), 3)).rejects.toThrow(/not ready after 3 attempts/);
    iam.reset();
    iam.on(GenerateCredentialReportCommand).rejects(new ServiceFailureException({ message: 'down', $metadata: {} }));
    await expect(fetchCredentialReport(new IAMClient({ region: 'us-east-1' }), fakeClock())).rejects.toThrow('down');
  });
});

describe('fetchAuthorizationPages', () => {
  const whole = JSON.parse(readFileSync('test/fixtures/evidence/example/account-authorization-details.json', 'utf8'));
  test('follows Marker across pages: calls grow with pages, not users, and Dates become ISO strings', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({ UserDetailList: whole.UserDetailList.slice(0, 6).map((u: { CreateDate: string }) => ({ ...u, CreateDate: new Date(u.CreateDate) })), IsTruncated: true, Marker: 'page-2' })
      .resolvesOnce({ UserDetailList: whole.UserDetailList.slice(6), GroupDetailList: whole.GroupDetailList, RoleDetailList: whole.RoleDetailList, Policies: whole.Policies, IsTruncated: false });
    const pages = await fetchAuthorizationPages(new IAMClient({ region: 'us-east-1' }), fakeClock());
    const calls = iam.commandCalls(GetAccountAuthorizationDetailsCommand);
    expect(calls.map((c) => c.args[0].input.Marker)).toEqual([undefined, 'page-2']);
    const { details } = parseAuthorizationDetails(pages);
    expect(details.users).toHaveLength(11);
    expect(details.users[0].createdAt).toBe('2024-02-01T14:00:00.000Z');
  });

  test('retries a ThrottlingException, then succeeds', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    iam.on(GetAccountAuthorizationDetailsCommand).rejectsOnce(throttled).resolves({ UserDetailList: [], IsTruncated: false });
    const clock = fakeClock();
    await expect(fetchAuthorizationPages(new IAMClient({ region: 'us-east-1' }), clock)).resolves.toHaveLength(1);
    expect(clock.sleeps).toEqual([500]);
  });
});
