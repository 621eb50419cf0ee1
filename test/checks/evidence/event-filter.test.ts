import { eventFilter } from '../../../checks/evidence/event-filter';
import { config, event } from '../helpers';

// Two events the audit and an investigation judge the other way round.
const c = config();
const inNetwork = { time: '2026-11-12T15:00:00Z', sourceIp: '10.20.0.15', userAgent: 'console.amazonaws.com' };
/** A workstation URL for another user id: a rule reads it; it is no PHI data event. */
const streamingUrl = event({ ...inNetwork, eventSource: 'appstream.amazonaws.com', eventName: 'CreateStreamingURL', userName: 'kchen', streamingUserId: 'mgarcia' });
/** A routine in-specialty, in-hours, in-network read of P100455's chart: no rule reads it unless the patient is watched. */
const chartRead = event({ ...inNetwork, eventSource: 's3.amazonaws.com', eventName: 'GetObject', bucket: c.storage.phiBucketName, key: 'cardiology/P100455/chart.pdf' });
const range = { from: new Date('2026-11-10T00:00:00Z'), to: new Date('2026-11-13T00:00:00Z') };

describe('eventFilter builds the predicate its spec names', () => {
  test('audit: what the rules read (the streaming URL), not a routine read of an unwatched patient', () => {
    const keep = eventFilter({ kind: 'audit', config: c, watchList: [] });
    expect([keep(streamingUrl), keep(chartRead)]).toEqual([true, false]);
  });

  test('audit with the patient watched: the routine read is kept too', () => {
    const keep = eventFilter({ kind: 'audit', config: c, watchList: [{ patientId: 'P100455', reason: 'relative of a workforce member', personIds: ['mgarcia'] }] });
    expect([keep(streamingUrl), keep(chartRead)]).toEqual([true, true]);
  });

  test('investigation: the subject\'s PHI data events in the range, not the streaming URL', () => {
    const keep = eventFilter({ kind: 'investigation', config: c, subject: { kind: 'patient', id: 'P100455' }, range });
    expect([keep(streamingUrl), keep(chartRead)]).toEqual([false, true]);
    const other = eventFilter({ kind: 'investigation', config: c, subject: { kind: 'patient', id: 'P100234' }, range });
    expect(other(chartRead)).toBe(false);
  });
});
