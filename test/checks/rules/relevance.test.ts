import { relevantEvents } from '../../../checks/rules/relevance';
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
