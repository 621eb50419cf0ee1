import { patientOfKey, watchedAccess, watchList } from '../../../checks/rules/watch-list';
import type { Register } from '../../../checks/register/schema';
import { event, run } from '../helpers';

const register: Register = { watchList: [{ patientId: 'P100234', reason: 'workforce member', personIds: ['jdoe'] }] };
const phi = (key: string, over = {}) => event({ time: '2026-11-10T15:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', bucket: 'examplecoding-phi-records', key, ...over });
const found = (events: ReturnType<typeof phi>[], r: Register = register) => run(watchList, { events, register: r }).map((f) => `${f.principal}:${f.severity}:${f.evidence.count}:${f.evidence.denied}`);

describe('watched-record-access', () => {
  test('the linked person is high, anyone else medium, allowed or denied', () => {
    expect(found([phi('cardiology/P100234/2026-10-01/note.pdf'), phi('cardiology/P100234/labs.pdf', { success: false }), phi('cardiology/P100234/a.pdf', { userName: 'mgarcia' })])).toEqual(['jdoe:high:2:1', 'mgarcia:medium:1:0']);
  });

  test('another patient, another bucket, a prefix-like id, a non-S3 event: nothing', () => {
    expect(found([phi('cardiology/P1002345/a.pdf'), phi('cardiology/P100234/a.pdf', { bucket: 'other-bucket' }), phi('P100234/a.pdf'), phi('cardiology/P100234/a.pdf', { eventSource: 'kms.amazonaws.com' })])).toEqual([]);
  });

  test('no watch list: nothing to examine', () => {
    expect(found([phi('cardiology/P100234/a.pdf')], {})).toEqual([]);
  });

  test('a role session is named by its ARN', () => {
    const e = phi('orthopedics/P100234/x.pdf', { identityType: 'AssumedRole', userName: undefined, arn: 'arn:aws:sts::111122223333:assumed-role/etl/job' });
    expect(found([e])).toEqual(['arn:aws:sts::111122223333:assumed-role/etl/job:medium:1:0']);
  });
});

describe('watched-record-access: the finding in full', () => {
  test('by the linked person, and by someone else', () => {
    const [linked, other] = run(watchList, { events: [phi('cardiology/P100234/a.pdf', { id: 'w1' }), phi('cardiology/P100234/b.pdf', { id: 'w2', userName: 'mgarcia', success: false })], register });
    expect(linked).toStrictEqual({
      check: 'watch-list',
      rule: 'watched-record-access',
      principal: 'jdoe',
      severity: 'high',
      summary: 'jdoe accessed the records of watched patient P100234 (workforce member) 1 time (0 denied, first 2026-11-10T15:00:00Z), a person linked to that patient: review with their lead whether the work required it.',
      evidence: { patientId: 'P100234', reason: 'workforce member', linkedPerson: true, count: 1, denied: 0, events: [{ eventId: 'w1', time: '2026-11-10T15:00:00Z', eventName: 'GetObject', sourceIp: '198.51.100.3', success: true }] },
    });
    expect(other.summary).toBe('mgarcia accessed the records of watched patient P100234 (workforce member) 1 time (1 denied, first 2026-11-10T15:00:00Z): review with their lead whether the work required it.');
    expect(other.evidence).toMatchObject({ linkedPerson: false, denied: 1 });
  });
});

describe('watched-record-access: counts and links', () => {
  test('several accesses are counted in the summary; a person linked among several is linked', () => {
    const r: Register = { watchList: [{ patientId: 'P100234', reason: 'workforce member', personIds: ['rpatel', 'jdoe'] }] };
    const [f] = run(watchList, { events: [phi('cardiology/P100234/a.pdf'), phi('cardiology/P100234/b.pdf')], register: r });
    expect(f.summary).toBe('jdoe accessed the records of watched patient P100234 (workforce member) 2 times (0 denied, first 2026-11-10T15:00:00Z), a person linked to that patient: review with their lead whether the work required it.');
    expect(f.evidence.linkedPerson).toBe(true);
  });
});

describe('patientOfKey and watchedAccess', () => {
  test('the patient id is the second of three or more segments, neither empty', () => {
    expect(patientOfKey('cardiology/P100234/a.pdf')).toBe('P100234');
    expect(patientOfKey('cardiology/P100234/2026/a.pdf')).toBe('P100234');
    expect(['P100234/a.pdf', 'cardiology/P100234', '/P100234/a.pdf', 'cardiology//a.pdf', 'a.pdf'].map(patientOfKey)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
  test('a bucket-level call on the PHI bucket (no key) is no access to a record', () => {
    const watched = watchedAccess('examplecoding-phi-records', register.watchList);
    expect(watched(phi('cardiology/P100234/a.pdf'))).toEqual(register.watchList?.[0]);
    expect(watched(phi('x', { key: undefined, eventName: 'ListObjects' }))).toBeUndefined();
    expect(watchedAccess('examplecoding-phi-records', undefined)(phi('cardiology/P100234/a.pdf'))).toBeUndefined();
  });
});
