import { GetObjectCommand, type GetObjectCommandOutput, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { datePrefixes, readTrailArchive } from '../../../checks/collect/trail-archive';
import { EventSink } from '../../../checks/evidence/event-sink';
import type { AuditWindow } from '../../../checks/model/audit-model';
import { FAULTS } from './aws-faults';
import { fakeClock } from './fake-clock';

/**
 * Which S3 listings the archive reader makes and which objects it reads, for trail prefixes
 * that look like parts of the layout, folder entries without a prefix, failed listings and
 * pages that say more follow.
 */

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());

const window: AuditWindow = { from: new Date('2026-11-19T12:00:00Z'), to: new Date('2026-11-20T12:00:00Z'), days: 1 };
const record = { eventVersion: '1.09', eventTime: '2026-11-20T10:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventID: 'b1f0c2a4-0001-4c1e-9a1b-000000000001', recipientAccountId: '111122223333', userIdentity: { type: 'IAMUser', userName: 'kchen' } };
const gz = () => ({ Body: Readable.from([gzipSync(JSON.stringify({ Records: [record] }))]) }) as unknown as GetObjectCommandOutput;
const folders = (...prefixes: string[]) => ({ CommonPrefixes: prefixes.map((Prefix) => ({ Prefix })) });
const read = (prefix: string) => readTrailArchive(new S3Client({ region: 'us-east-1' }), { bucket: 'trail-bucket', prefix }, window, new EventSink(window), { clock: fakeClock() });
const folderListings = () => s3.commandCalls(ListObjectsV2Command).filter((c) => c.args[0].input.Delimiter === '/').map((c) => c.args[0].input.Prefix);
const keyListings = () => s3.commandCalls(ListObjectsV2Command).filter((c) => c.args[0].input.Delimiter === undefined).map((c) => c.args[0].input.Prefix);
const days = (region: string) => datePrefixes(window).map((d) => `${region}${d}/`);

/** One account's trail under `root`, one region, one object on 2026/11/20. */
function oneAccount(root: string, account = '111122223333'): string {
  const region = `${root}${account}/CloudTrail/us-east-1/`;
  const key = `${region}2026/11/20/${account}_CloudTrail_us-east-1_20261120T1000Z_a.json.gz`;
  s3.on(ListObjectsV2Command, { Prefix: `${root}${account}/CloudTrail/`, Delimiter: '/' }).resolves(folders(region));
  s3.on(ListObjectsV2Command, { Prefix: `${region}2026/11/20/` }).resolves({ Contents: [{ Key: key }] });
  s3.on(GetObjectCommand, { Key: key }).callsFake(gz);
  return key;
}

describe('readTrailArchive: the trail prefix', () => {
  test('a nested prefix keeps its inner slashes: only a trailing one is dropped', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    s3.on(ListObjectsV2Command, { Prefix: 'org/logs/AWSLogs/', Delimiter: '/' }).resolves(folders('org/logs/AWSLogs/111122223333/'));
    const key = oneAccount('org/logs/AWSLogs/');
    const inputs = await read('org/logs');
    expect(inputs.map((i) => [i.source, i.status])).toEqual([[`s3://trail-bucket/${key}`, 'read']]);
    expect(folderListings()[0]).toBe('org/logs/AWSLogs/');
  });

  test('a prefix with a folder named like an organisation: its accounts are still accounts', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    const root = 'archive/o-1a2b3c4d5e/AWSLogs/';
    s3.on(ListObjectsV2Command, { Prefix: root, Delimiter: '/' }).resolves(folders(`${root}111122223333/`));
    const key = oneAccount(root);
    const inputs = await read('archive/o-1a2b3c4d5e');
    expect(inputs.map((i) => [i.source, i.status])).toEqual([[`s3://trail-bucket/${key}`, 'read']]);
    expect(folderListings()).toEqual([root, `${root}111122223333/CloudTrail/`]);
  });

  test('a prefix with a folder named like an account: folders that are not accounts are still passed over', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    const root = 'backup/999988887777/AWSLogs/';
    s3.on(ListObjectsV2Command, { Prefix: root, Delimiter: '/' }).resolves(folders(`${root}o-1a2b3c4d5e/`, `${root}111122223333/`, `${root}not-an-account/`));
    s3.on(ListObjectsV2Command, { Prefix: `${root}o-1a2b3c4d5e/`, Delimiter: '/' }).resolves(folders(`${root}o-1a2b3c4d5e/444455556666/`, `${root}o-1a2b3c4d5e/digest/`));
    const key = oneAccount(root);
    const orgKey = oneAccount(`${root}o-1a2b3c4d5e/`, '444455556666');
    const inputs = await read('backup/999988887777/');
    expect(inputs.map((i) => [i.source, i.status])).toEqual([
      [`s3://trail-bucket/${orgKey}`, 'read'],
      [`s3://trail-bucket/${key}`, 'read'],
    ]);
    expect(folderListings()).toEqual([root, `${root}o-1a2b3c4d5e/`, `${root}o-1a2b3c4d5e/444455556666/CloudTrail/`, `${root}111122223333/CloudTrail/`]);
  });
});

describe('readTrailArchive: listings', () => {
  test('a region listing with an entry that names no prefix lists the days of the real regions only', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/', Delimiter: '/' }).resolves(folders('AWSLogs/111122223333/'));
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/111122223333/CloudTrail/', Delimiter: '/' }).resolves({ CommonPrefixes: [{}, { Prefix: 'AWSLogs/111122223333/CloudTrail/us-east-1/' }] });
    const inputs = await read('');
    expect(inputs).toEqual([]);
    expect(keyListings()).toEqual(days('AWSLogs/111122223333/CloudTrail/us-east-1/'));
  });

  test('an account whose CloudTrail folder is empty has no day listed', async () => {
    s3.on(ListObjectsV2Command).resolves({ KeyCount: 0 });
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/', Delimiter: '/' }).resolves(folders('AWSLogs/111122223333/'));
    const inputs = await read('');
    expect(inputs).toEqual([]);
    expect(folderListings()).toEqual(['AWSLogs/', 'AWSLogs/111122223333/CloudTrail/']);
    expect(keyListings()).toEqual([]);
  });

  test("an account whose CloudTrail folder cannot be listed is one skipped input, and none of its days is listed", async () => {
    s3.on(ListObjectsV2Command).rejects(FAULTS.noSuchKey());
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/', Delimiter: '/' }).resolves(folders('AWSLogs/111122223333/'));
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/111122223333/CloudTrail/', Delimiter: '/' }).rejects(FAULTS.denied('s3:ListBucket'));
    const inputs = await read('');
    expect(inputs).toEqual([{ source: 's3://trail-bucket/AWSLogs/111122223333/CloudTrail/', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: 'cannot be listed: access denied (AccessDenied): not authorized to perform s3:ListBucket' }]);
    expect(keyListings()).toEqual([]);
  });

  test('a page that says more follow but gives no token is a listing that failed', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/', Delimiter: '/' }).resolves({ ...folders('AWSLogs/111122223333/'), IsTruncated: true });
    const inputs = await read('');
    expect(inputs).toEqual([
      { source: 's3://trail-bucket/AWSLogs/', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: 'cannot be listed: ListObjectsV2 s3://trail-bucket/AWSLogs/: page 1 says more results follow but gives no token to fetch them; the listing is incomplete' },
    ]);
  });

  test('pages that say no more follow, as S3 writes them (IsTruncated false), end the listing', async () => {
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: false, KeyCount: 0 });
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/', Delimiter: '/' }).resolves({ ...folders('AWSLogs/111122223333/'), IsTruncated: false });
    const key = oneAccount('AWSLogs/');
    const inputs = await read('');
    expect(inputs.map((i) => [i.source, i.status])).toEqual([[`s3://trail-bucket/${key}`, 'read']]);
  });
});
