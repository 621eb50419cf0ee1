import type { AuditEvent } from '../../../checks/model/events';
import { streamingAsAnotherUser, streamingForAnother } from '../../../checks/rules/streaming-identity';
import { event } from '../helpers';

// AppStream CreateStreamingURL as CloudTrail records it: requestParameters.userId is streamingUserId.
const url = (id: string, userName: string | undefined, streamingUserId: string | undefined, over: Partial<AuditEvent> = {}) =>
  event({ id, time: '2026-11-12T15:00:00Z', eventSource: 'appstream.amazonaws.com', eventName: 'CreateStreamingURL', userName, streamingUserId, ...over });

describe('streamingForAnother', () => {
  test('an IAM user creating a streaming URL for another user id', () => {
    expect(streamingForAnother(url('e1', 'kchen', 'mgarcia'))).toBe(true);
  });
  test.each<[string, AuditEvent]>([
    ['for their own user id', url('e1', 'kchen', 'kchen')],
    ['with no user id in the request', url('e1', 'kchen', undefined)],
    ['another AppStream call that names a user id (DescribeSessions)', url('e1', 'kchen', 'mgarcia', { eventName: 'DescribeSessions' })],
    ['the same call name on another service', url('e1', 'kchen', 'mgarcia', { eventSource: 'workspaces-web.amazonaws.com' })],
    ['a role session, even one named like a user', url('e1', 'kchen', 'mgarcia', { identityType: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/streaming-broker/kchen' })],
    ['an IAM user with no user name recorded', url('e1', undefined, 'mgarcia')],
  ])('not %s', (_label, e) => {
    expect(streamingForAnother(e)).toBe(false);
  });
});

describe('streamingAsAnotherUser', () => {
  test('URLs made: one high finding per caller and user id, in full', () => {
    const events = [url('e1', 'kchen', 'mgarcia'), url('e2', 'kchen', 'mgarcia', { time: '2026-11-12T16:00:00Z', success: false }), url('e3', 'kchen', 'mgarcia', { time: '2026-11-13T09:00:00Z' })];
    expect(streamingAsAnotherUser(events)).toEqual([
      {
        check: 'shared-credentials',
        rule: 'streaming-as-another-user',
        principal: 'kchen',
        severity: 'high',
        summary: 'kchen created 2 AppStream streaming URL(s) for user id mgarcia (from 2026-11-12T15:00:00Z): a workstation session under another name; ask why, and end the sessions.',
        evidence: { userId: 'mgarcia', eventIds: ['e1', 'e2', 'e3'], succeeded: 2, attempts: 3, from: '2026-11-12T15:00:00Z', to: '2026-11-13T09:00:00Z' },
      },
    ]);
  });
  test('the first made URL is named, not the first refused attempt', () => {
    const [f] = streamingAsAnotherUser([url('e1', 'kchen', 'mgarcia', { success: false }), url('e2', 'kchen', 'mgarcia', { time: '2026-11-12T16:00:00Z' })]);
    expect(f.summary).toBe('kchen created 1 AppStream streaming URL(s) for user id mgarcia (from 2026-11-12T16:00:00Z): a workstation session under another name; ask why, and end the sessions.');
  });
  test('only refused attempts: medium, and says refused', () => {
    expect(streamingAsAnotherUser([url('e1', 'kchen', 'mgarcia', { success: false })])).toEqual([
      {
        check: 'shared-credentials',
        rule: 'streaming-as-another-user',
        principal: 'kchen',
        severity: 'medium',
        summary: 'kchen tried to create an AppStream streaming URL for user id mgarcia (2026-11-12T15:00:00Z) and was refused: ask why.',
        evidence: { userId: 'mgarcia', eventIds: ['e1'], succeeded: 0, attempts: 1, from: '2026-11-12T15:00:00Z', to: '2026-11-12T15:00:00Z' },
      },
    ]);
  });
  test('separate findings for another caller or another user id', () => {
    const findings = streamingAsAnotherUser([url('e1', 'kchen', 'mgarcia'), url('e2', 'kchen', 'jdoe'), url('e3', 'rpatel', 'mgarcia')]);
    expect(findings.map((f) => [f.principal, f.evidence.userId, f.evidence.eventIds])).toEqual([
      ['kchen', 'mgarcia', ['e1']],
      ['kchen', 'jdoe', ['e2']],
      ['rpatel', 'mgarcia', ['e3']],
    ]);
  });
  test('nothing from calls that are not for another', () => {
    expect(streamingAsAnotherUser([url('e1', 'kchen', 'kchen'), event({ time: '2026-11-12T15:00:00Z' })])).toEqual([]);
  });
});
