import { watchList } from '../../../checks/rules/watch-list';
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
