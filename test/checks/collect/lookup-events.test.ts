import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { auditWindow } from '../../../checks/audit';
import { lookupRegion } from '../../../checks/collect/lookup-events';
import { RateLimiter } from '../../../checks/collect/rate-limiter';
import { EventSink } from '../../../checks/evidence/event-sink';
import { fakeClock } from './fake-clock';

const trail = mockClient(CloudTrailClient);
beforeEach(() => trail.reset());

const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 2);
const page = JSON.parse(readFileSync('test/fixtures/evidence/example/cloudtrail/lookup-events/us-east-1-page-1.json', 'utf8'));
const records: { eventID: string }[] = page.Events.map((e: { CloudTrailEvent: string }) => ({ ...JSON.parse(e.CloudTrailEvent), eventTime: '2026-11-19T15:00:00Z' }));
const sdkEvent = (r: { eventID: string }) => ({ EventId: r.eventID, CloudTrailEvent: JSON.stringify(r) });

async function lookup() {
  const clock = fakeClock();
  const sink = new EventSink(window);
  const input = await lookupRegion(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window, new RateLimiter(2, clock), sink, clock);
  return { input, sink };
}

describe('lookupRegion: what its input record says', () => {
  test('an event without its CloudTrailEvent is hashed and rejected as one with an empty CloudTrailEvent', async () => {
    trail.on(LookupEventsCommand).resolves({ Events: [{ EventId: 'x' }, sdkEvent(records[0]!)] });
    const missing = (await lookup()).input;
    trail.reset();
    trail.on(LookupEventsCommand).resolves({ Events: [{ EventId: 'x', CloudTrailEvent: '' }, sdkEvent(records[0]!)] });
    const empty = (await lookup()).input;
    expect(missing).toEqual(empty);
    expect(missing).toMatchObject({ status: 'partial', records: 1, problem: '1 of 2 events rejected, first Events[0].CloudTrailEvent: not valid JSON' });
  });

  test('stopped after a page with a rejected event: both reasons, the stop first, joined by "; "', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform cloudtrail:LookupEvents'), { name: 'AccessDeniedException' });
    trail.on(LookupEventsCommand).resolvesOnce({ Events: [{ EventId: 'x', CloudTrailEvent: '{' }, sdkEvent(records[0]!)], NextToken: 't2' }).rejects(denied);
    const { input, sink } = await lookup();
    expect(input.status).toBe('partial');
    expect(input.records).toBe(1);
    expect(input.problem).toBe('stopped after 1 page(s): access denied (AccessDeniedException): the audit role lacks read permission; 1 of 2 events rejected, first Events[0].CloudTrailEvent: not valid JSON');
    expect(sink.events().map((e) => e.id)).toEqual([records[0]!.eventID]);
  });

  test('every page read and every event kept: read, with no problem', async () => {
    trail.on(LookupEventsCommand).resolves({ Events: records.map(sdkEvent) });
    const { input } = await lookup();
    expect(input).toMatchObject({ status: 'read', records: records.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(input.problem).toBeUndefined();
  });

  test('the first call denied: skipped, with the reason and no hash', async () => {
    trail.on(LookupEventsCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const { input } = await lookup();
    expect(input).toMatchObject({ status: 'skipped', records: 0, sha256: '', problem: 'access denied (AccessDeniedException): the audit role lacks read permission' });
  });
});
