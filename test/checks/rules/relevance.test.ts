import { parseRegister } from '../../../checks/register/load';
import { auditRelevantEvents, relevantEvents } from '../../../checks/rules/relevance';
import { config, event } from '../helpers';

// The loader drops what no rule reads; a dropped event can never become a finding, so every rule's
// events must survive it.
describe('relevantEvents keeps what the rules read and drops routine calls', () => {
  const keep = relevantEvents(config());
  const inNetwork = { sourceIp: '10.20.0.15', userAgent: 'console.amazonaws.com' };

  test('an ordinary in-network call by a person is dropped', () => {
    expect(keep(event({ time: '2026-11-12T15:00:00Z', ...inNetwork }))).toBe(false);
  });
  test('a workstation URL for another user id is kept; one for oneself is dropped', () => {
    const url = (streamingUserId: string) => event({ time: '2026-11-12T15:00:00Z', ...inNetwork, eventSource: 'appstream.amazonaws.com', eventName: 'CreateStreamingURL', userName: 'kchen', streamingUserId });
    expect(keep(url('mgarcia'))).toBe(true);
    expect(keep(url('kchen'))).toBe(false);
  });
});

describe('auditRelevantEvents: the events the CLI keeps, given the register as loaded', () => {
  const c = config();
  // A routine in-specialty read by jdoe (cardiology), in hours, in network: kept only because the patient is watched.
  const read = event({ time: '2026-11-12T15:00:00Z', sourceIp: '10.20.0.15', eventSource: 's3.amazonaws.com', eventName: 'GetObject', bucket: c.storage.phiBucketName, key: 'cardiology/P100455/chart.pdf' });

  test('keeps access to a patient on the register\'s watch list', () => {
    expect(relevantEvents(c)(read)).toBe(false);
    const register = parseRegister({ watchList: [{ patientId: 'P100455', reason: 'relative of a workforce member', personIds: ['mgarcia'] }] }, 'register.json');
    expect(auditRelevantEvents(c, register)(read)).toBe(true);
  });

  test('a register unusable as a whole watches nobody', () => {
    expect(auditRelevantEvents(c, parseRegister([], 'register.json'))(read)).toBe(false);
  });
});
