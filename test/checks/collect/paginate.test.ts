import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { auditWindow } from '../../../checks/audit';
import { fetchAuthorizationPages } from '../../../checks/collect/authorization-details';
import { lookupRegion } from '../../../checks/collect/lookup-events';
import { paginate, PaginationError } from '../../../checks/collect/paginate';
import { RateLimiter } from '../../../checks/collect/rate-limiter';
import { readTrailArchive } from '../../../checks/collect/trail-archive';
import { EventSink } from '../../../checks/evidence/event-sink';
import { FAULTS } from './aws-faults';
import { fakeClock } from './fake-clock';

const iam = mockClient(IAMClient);
const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
beforeEach(() => [iam, trail, s3].forEach((m) => m.reset()));

const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 1);
const page = JSON.parse(readFileSync('test/fixtures/evidence/example/cloudtrail/lookup-events/us-east-1-page-1.json', 'utf8'));
const sdkEvents = page.Events.map((e: { CloudTrailEvent: string }) => {
  const r = { ...JSON.parse(e.CloudTrailEvent), eventTime: '2026-11-20T09:00:00Z' };
  return { EventId: r.eventID, CloudTrailEvent: JSON.stringify(r) };
});

describe('paginate', () => {
  interface Page {
    token?: string;
    next?: string;
    more: boolean;
  }
  const pages = (tokens: (string | undefined)[], claimsMore = false) => ({
    what: 'List things',
    maxPages: 10,
    fetch: jest.fn(async (token: string | undefined): Promise<Page> => ({ token, next: tokens[tokens.indexOf(token) + 1] ?? undefined, more: claimsMore })),
    next: (p: Page) => p.next,
    claimsMore: (p: Page) => p.more,
  });

  test('follows tokens to the last page and hands every page over in order', async () => {
    const seen: (string | undefined)[] = [];
    const paging = pages([undefined, 'a', 'b']);
    await expect(paginate(paging, (p) => seen.push(p.token))).resolves.toBe(3);
    expect(seen).toEqual([undefined, 'a', 'b']);
  });

  test('a token seen before is an error, never another lap', async () => {
    const paging = { what: 'List things', maxPages: 1000, fetch: jest.fn(async (t?: string) => ({ next: t === undefined ? 'a' : t === 'a' ? 'b' : 'a' })), next: (p: { next: string }) => p.next };
    await expect(paginate(paging, () => undefined)).rejects.toThrow(new PaginationError('List things: the service repeated a pagination token after 3 page(s); stopped rather than loop'));
    expect(paging.fetch).toHaveBeenCalledTimes(3);
  });

  test('more pages than the cap is an error after exactly the cap', async () => {
    let n = 0;
    const paging = { what: 'List things', maxPages: 4, fetch: jest.fn(async () => ({ next: `t${(n += 1)}` })), next: (p: { next: string }) => p.next };
    await expect(paginate(paging, () => undefined)).rejects.toThrow(/more than 4 pages; stopped at the page cap/);
    expect(paging.fetch).toHaveBeenCalledTimes(4);
  });

  test('an empty token ends the listing like none (some services send "")', async () => {
    const paging = { what: 'List things', maxPages: 10, fetch: jest.fn(async () => ({ next: '' })), next: (p: { next: string }) => p.next };
    await expect(paginate(paging, () => undefined)).resolves.toBe(1);
    expect(paging.fetch).toHaveBeenCalledTimes(1);
  });

  test('a page that claims more without a token is an error, not the end', async () => {
    await expect(paginate(pages([undefined], true), () => undefined)).rejects.toThrow(/page 1 says more results follow but gives no token/);
  });

  test('property: for any token sequence, paginate ends within the cap, and returns only when the tokens were fresh', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 12 }), fc.integer({ min: 1, max: 8 }), async (tokens, maxPages) => {
        let i = 0;
        const fetch = jest.fn(async () => ({ next: tokens[i++] }));
        const outcome = await paginate({ what: 'x', maxPages, fetch, next: (p) => p.next }, () => undefined).then(
          (n) => ({ ok: true as const, n }),
          (err: unknown) => ({ ok: false as const, err }),
        );
        expect(fetch.mock.calls.length).toBeLessThanOrEqual(maxPages);
        if (outcome.ok) {
          expect(new Set(tokens).size).toBe(tokens.length);
          expect(outcome.n).toBe(tokens.length + 1);
        } else expect(outcome.err).toBeInstanceOf(PaginationError);
        if (new Set(tokens).size === tokens.length && tokens.length < maxPages) expect(outcome.ok).toBe(true);
      }),
    );
  });
});

describe('live paginators end on a repeated token, a page cap, or a truncated page', () => {
  test('GetAccountAuthorizationDetails repeating its Marker', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [], IsTruncated: true, Marker: 'same' });
    await expect(fetchAuthorizationPages(new IAMClient({ region: 'us-east-1' }), fakeClock())).rejects.toThrow(/GetAccountAuthorizationDetails: the service repeated a pagination token after 2 page\(s\)/);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
  });

  test('GetAccountAuthorizationDetails past its page cap, and IsTruncated without a Marker', async () => {
    let n = 0;
    iam.on(GetAccountAuthorizationDetailsCommand).callsFake(() => ({ UserDetailList: [], IsTruncated: true, Marker: `m${(n += 1)}` }));
    await expect(fetchAuthorizationPages(new IAMClient({ region: 'us-east-1' }), fakeClock(), 5)).rejects.toThrow(/more than 5 pages/);
    iam.reset();
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [], IsTruncated: true });
    await expect(fetchAuthorizationPages(new IAMClient({ region: 'us-east-1' }), fakeClock())).rejects.toThrow(/says more results follow but gives no token/);
  });

  test('LookupEvents repeating its NextToken: the region is partial, the events of the pages read are kept', async () => {
    trail.on(LookupEventsCommand).resolvesOnce({ Events: sdkEvents.slice(0, 2), NextToken: 't1' }).resolves({ Events: sdkEvents.slice(2), NextToken: 't1' });
    const clock = fakeClock();
    const sink = new EventSink(window);
    const input = await lookupRegion(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window, new RateLimiter(2, clock), sink, clock);
    expect(input).toMatchObject({ source: 'api:cloudtrail:LookupEvents:us-east-1', status: 'partial', records: 4, problem: 'stopped after 2 page(s): LookupEvents in us-east-1: the service repeated a pagination token after 2 page(s); stopped rather than loop' });
    expect(sink.events()).toHaveLength(4);
  });

  test('LookupEvents past its page cap is partial; denied on the first page is skipped, naming the action, not the caller', async () => {
    let n = 0;
    trail.on(LookupEventsCommand).callsFake(() => ({ Events: [], NextToken: `t${(n += 1)}` }));
    const clock = fakeClock();
    const capped = await lookupRegion(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window, new RateLimiter(2, clock), new EventSink(window), clock, 3);
    expect(capped).toMatchObject({ status: 'partial', problem: expect.stringMatching(/more than 3 pages/) });
    trail.reset();
    trail.on(LookupEventsCommand).rejects(FAULTS.denied('cloudtrail:LookupEvents'));
    const denied = await lookupRegion(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window, new RateLimiter(2, clock), new EventSink(window), clock);
    expect(denied).toEqual({ source: 'api:cloudtrail:LookupEvents:us-east-1', kind: 'cloudtrail-lookup-events', status: 'skipped', records: 0, sha256: '', problem: 'access denied (AccessDenied): not authorized to perform cloudtrail:LookupEvents' });
    expect(denied.problem).not.toContain('assumed-role');
  });

  test('LookupEvents throttled past every retry is skipped, after backing off', async () => {
    trail.on(LookupEventsCommand).rejects(FAULTS.throttling());
    const clock = fakeClock();
    const input = await lookupRegion(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window, new RateLimiter(2, clock), new EventSink(window), clock);
    expect(input).toMatchObject({ status: 'skipped', problem: expect.stringMatching(/throttled by AWS \(ThrottlingException\) past every retry/) });
    expect(trail.commandCalls(LookupEventsCommand)).toHaveLength(6);
  });

  test('a LookupEvents page with a cut-short CloudTrailEvent makes the region partial', async () => {
    const cut = { ...sdkEvents[0], CloudTrailEvent: sdkEvents[0].CloudTrailEvent.slice(0, 40) };
    trail.on(LookupEventsCommand).resolves({ Events: [cut, ...sdkEvents.slice(1)] });
    const clock = fakeClock();
    const input = await lookupRegion(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window, new RateLimiter(2, clock), new EventSink(window), clock);
    expect(input).toMatchObject({ status: 'partial', records: 3, problem: expect.stringMatching(/^1 of 4 events rejected, first Events\[0\]\.CloudTrailEvent: not valid JSON/) });
  });

  test('ListObjectsV2 repeating its continuation token: that prefix is listed as not read, the others still read', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'AWSLogs/111122223333/' }] });
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/111122223333/CloudTrail/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'AWSLogs/111122223333/CloudTrail/us-east-1/' }] });
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/' }).resolves({ Contents: [], IsTruncated: true, NextContinuationToken: 'again' });
    const inputs = await readTrailArchive(new S3Client({ region: 'us-east-1' }), { bucket: 'trail-bucket', prefix: '' }, window, new EventSink(window), { clock: fakeClock() });
    expect(inputs).toEqual([
      {
        source: 's3://trail-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/',
        kind: 'cloudtrail',
        status: 'skipped',
        records: 0,
        sha256: '',
        problem: 'cannot be listed: ListObjectsV2 s3://trail-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/: the service repeated a pagination token after 2 page(s); stopped rather than loop',
      },
    ]);
  });

  test('a denied listing of the archive root is an input not read, not an empty archive', async () => {
    s3.on(ListObjectsV2Command).rejects(FAULTS.denied('s3:ListBucket'));
    const inputs = await readTrailArchive(new S3Client({ region: 'us-east-1' }), { bucket: 'trail-bucket', prefix: 'ct' }, window, new EventSink(window), { clock: fakeClock() });
    expect(inputs).toEqual([expect.objectContaining({ source: 's3://trail-bucket/ct/AWSLogs/', status: 'skipped', problem: 'cannot be listed: access denied (AccessDenied): not authorized to perform s3:ListBucket' })]);
  });
});
