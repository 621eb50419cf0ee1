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

describe('fetchCredentialReport: answers that are not a report', () => {
  test('a generation state never given is named as unknown when it gives up', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({});
    const clock = fakeClock();
    await expect(fetchCredentialReport(new IAMClient({ region: 'us-east-1' }), clock, 2)).rejects.toThrow(new Error('the credential report was not ready after 2 attempts (last: generation state unknown)'));
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(0);
  });

  test('the last retryable failure is named when it gives up; the backoff is capped at 20 s', async () => {
    iam.on(GenerateCredentialReportCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    const clock = fakeClock();
    await expect(fetchCredentialReport(new IAMClient({ region: 'us-east-1' }), clock, 7)).rejects.toThrow(new Error('the credential report was not ready after 7 attempts (last: throttled by AWS (Throttling) past every retry)'));
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000, 16000, 20000, 20000]);
  });

  test('a format other than text/csv is refused, naming it', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: new Uint8Array(CSV), ReportFormat: 'text/html' as never });
    await expect(fetchCredentialReport(new IAMClient({ region: 'us-east-1' }), fakeClock())).rejects.toThrow(new Error('GetCredentialReport returned format "text/html", not text/csv'));
  });

  test('content still in base64 (a proxy) is decoded; empty or absent content is not a report', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: CSV.toString('base64') as never });
    await expect(fetchCredentialReport(new IAMClient({ region: 'us-east-1' }), fakeClock())).resolves.toEqual({ csv: CSV.toString('utf8'), bytes: CSV });
    for (const Content of [undefined, new Uint8Array(0), '']) {
      iam.on(GetCredentialReportCommand).resolves({ Content: Content as never });
      await expect(fetchCredentialReport(new IAMClient({ region: 'us-east-1' }), fakeClock())).rejects.toThrow(new Error('GetCredentialReport returned no content'));
    }
  });

  test('an error without a name is not retried', async () => {
    iam.on(GenerateCredentialReportCommand).rejects(Object.assign(new Error('odd'), { name: undefined }));
    const clock = fakeClock();
    await expect(fetchCredentialReport(new IAMClient({ region: 'us-east-1' }), clock)).rejects.toThrow('odd');
    expect(clock.sleeps).toEqual([]);
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
