import fc from 'fast-check';
import { EVENT_FIELDS, fingerprint, sameEvent } from '../../../checks/evidence/event-digest';
import type { AuditEvent } from '../../../checks/model/events';

/**
 * The fingerprint tells agreeing copies of an event nobody keeps from differing ones: every
 * field the rules read must move it, or a planted copy differing only there would pass as the same.
 */

const base: AuditEvent = {
  id: '00000000-0000-4000-8000-000000000001',
  account: '111122223333',
  time: '2026-11-15T14:00:00Z',
  timeMs: Date.parse('2026-11-15T14:00:00Z'),
  identityType: 'IAMUser',
  userName: 'jdoe',
  eventName: 'GetObject',
  eventSource: 's3.amazonaws.com',
  sourceIp: '198.51.100.7',
  userAgent: 'aws-cli/2.18.0',
  accessKeyId: 'AKIAEXAMPLE000000001',
  vpcEndpointId: 'vpce-0a1b2c3d',
  vpcEndpointAccountId: '111122223333',
  arn: 'arn:aws:iam::111122223333:user/jdoe',
  mfaUsed: 'Yes',
  invokedBy: 'athena.amazonaws.com',
  bucket: 'examplecoding-phi-records',
  key: 'cardiology/P100234/note.pdf',
  modelId: 'anthropic.claude-3-haiku',
  streamingUserId: 'jdoe',
  success: true,
};

/** The same event with `field` changed (a string field given another value, or removed). */
function changed(field: keyof AuditEvent, removed: boolean): AuditEvent {
  const v = base[field];
  if (typeof v === 'boolean') return { ...base, [field]: !v };
  if (typeof v === 'number') return { ...base, [field]: v + 1000 };
  return { ...base, [field]: removed ? undefined : `${v}x` };
}

describe('fingerprint', () => {
  // timeMs is a function of time: the copies that differ in it differ in time.
  const hashed = EVENT_FIELDS.filter((f) => f !== 'timeMs');

  it.each(hashed)('changes with %s, changed or removed', (field) => {
    for (const removed of [false, true]) {
      const other = changed(field, removed);
      expect(sameEvent(base, other)).toBe(false);
      expect(fingerprint(other)).not.toEqual(fingerprint(base));
    }
  });

  it('every field of AuditEvent is compared, timeMs through time', () => {
    expect([...EVENT_FIELDS].sort()).toEqual(Object.keys(base).sort());
  });

  it('is the same for copies that agree, whatever object holds them', () => {
    expect(fingerprint({ ...base })).toEqual(fingerprint(base));
    expect(sameEvent({ ...base }, base)).toBe(true);
  });

  it('counts field boundaries: moving text from one field to the next is a change', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        const one = { ...base, userName: a + b, eventName: 'x' };
        const two = { ...base, userName: a, eventName: `${b}x` };
        expect(fingerprint(one)).not.toEqual(fingerprint(two));
      }),
    );
  });
});
