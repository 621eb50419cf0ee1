import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { lastFiledReport } from '../../../checks/handlers/previous-report';
import { readTextObject, writeTextObject } from '../../../checks/handlers/s3-objects';
import { reportSchema } from '../../../checks/report-model';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());
const client = () => new S3Client({ region: 'us-east-1' });
const REPORT = readFileSync('test/fixtures/report/sample-report.json', 'utf8');
const body = (text: string) => ({ Body: Readable.from([Buffer.from(text)]) }) as never;
const at = (iso: string) => new Date(iso);

describe('lastFiledReport', () => {
  test('the report.json modified last, across pages; other files and undated keys do not win', async () => {
    s3.on(ListObjectsV2Command)
      .resolvesOnce({ Contents: [{ Key: 'reports/2026-11-18/daily-a/report.json', LastModified: at('2026-11-18T12:10:00Z') }, { Key: 'reports/2026-11-19/daily-b/report.html', LastModified: at('2026-11-21T00:00:00Z') }, { Key: 'reports/x/report.json' }], IsTruncated: true, NextContinuationToken: 'p2' })
      .resolves({ Contents: [{ Key: 'reports/2026-11-19/daily-b/report.json', LastModified: at('2026-11-19T12:10:00Z') }, { Key: 'reports/2026-11-17/daily-z/report.json', LastModified: at('2026-11-17T12:10:00Z') }, { LastModified: at('2026-12-01T00:00:00Z') }], IsTruncated: false });
    s3.on(GetObjectCommand, { Key: 'reports/2026-11-19/daily-b/report.json' }).callsFake(() => body(REPORT));
    const got = await lastFiledReport(client(), 'reports-bucket', 'reports/');
    expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'reports-bucket', Prefix: 'reports/', ContinuationToken: undefined },
      { Bucket: 'reports-bucket', Prefix: 'reports/', ContinuationToken: 'p2' },
    ]);
    expect(got).toEqual({ previous: { report: reportSchema.parse(JSON.parse(REPORT)), sha256: createHash('sha256').update(REPORT).digest('hex') } });
  });

  test('a key without a date is taken only when no dated one is filed', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'reports/x/report.json' }] });
    s3.on(GetObjectCommand).callsFake(() => body(REPORT));
    expect((await lastFiledReport(client(), 'reports-bucket', 'reports/')).previous).toBeDefined();
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input).toEqual({ Bucket: 'reports-bucket', Key: 'reports/x/report.json' });
  });

  test.each([
    ['nothing filed', () => s3.on(ListObjectsV2Command).resolves({}), 'no earlier report on file'],
    ['a truncated listing without a token ends the listing', () => s3.on(ListObjectsV2Command).resolves({ IsTruncated: true }), 'no earlier report on file'],
    ['a repeated continuation token', () => s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: true, NextContinuationToken: 'again' }), 'listing s3://reports-bucket/reports/ repeated a continuation token'],
  ])('%s: no comparison, saying why', async (_name, arrange, note) => {
    arrange();
    expect(await lastFiledReport(client(), 'reports-bucket', 'reports/')).toEqual({ note });
  });

  test('a next token is followed only while the listing says it is truncated', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false, NextContinuationToken: 'ignored' });
    expect(await lastFiledReport(client(), 'reports-bucket', 'reports/')).toEqual({ note: 'no earlier report on file' });
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(1);
  });

  test('at most 200 pages are listed', async () => {
    let n = 0;
    s3.on(ListObjectsV2Command).callsFake(() => ({ Contents: [], IsTruncated: true, NextContinuationToken: `t${(n += 1)}` }));
    expect(await lastFiledReport(client(), 'reports-bucket', 'reports/')).toEqual({ note: 'no earlier report on file' });
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(200);
  });

  test.each([
    ['gone while read', () => s3.on(GetObjectCommand).rejects(Object.assign(new Error('x'), { name: 'NoSuchKey' })), 's3://reports-bucket/r/report.json disappeared while being read'],
    ['not JSON', () => s3.on(GetObjectCommand).callsFake(() => body('{"asOf": P100234')), 's3://reports-bucket/r/report.json is not JSON'],
    ['not a report', () => s3.on(GetObjectCommand).callsFake(() => body('{"findings": 3}')), 's3://reports-bucket/r/report.json is not a report'],
  ])('the last report %s: no comparison, naming it, never its bytes', async (_name, arrange, note) => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'r/report.json', LastModified: at('2026-11-19T12:10:00Z') }] });
    arrange();
    expect(await lastFiledReport(client(), 'reports-bucket', 'r/')).toEqual({ note });
  });
});

describe('s3 objects', () => {
  test('readTextObject: the text; no body is empty; no such key is undefined; other failures throw', async () => {
    s3.on(GetObjectCommand, { Key: 'a' }).callsFake(() => ({ Body: Readable.from([Buffer.from('hé'), Buffer.from('llo')]) }));
    s3.on(GetObjectCommand, { Key: 'b' }).resolves({});
    s3.on(GetObjectCommand, { Key: 'c' }).rejects(Object.assign(new Error('gone'), { name: 'NoSuchKey' }));
    s3.on(GetObjectCommand, { Key: 'd' }).rejects(Object.assign(new Error('no'), { name: 'AccessDenied' }));
    await expect(readTextObject(client(), 'bk', 'a')).resolves.toBe('héllo');
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input).toEqual({ Bucket: 'bk', Key: 'a' });
    await expect(readTextObject(client(), 'bk', 'b')).resolves.toBe('');
    await expect(readTextObject(client(), 'bk', 'c')).resolves.toBeUndefined();
    await expect(readTextObject(client(), 'bk', 'd')).rejects.toThrow('no');
  });

  test('writeTextObject: with the content type and a SHA-256 checksum (Object Lock buckets demand one)', async () => {
    s3.on(PutObjectCommand).resolves({});
    await writeTextObject(client(), 'bk', 'k', 'text', 'text/markdown');
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toEqual({ Bucket: 'bk', Key: 'k', Body: 'text', ContentType: 'text/markdown', ChecksumAlgorithm: 'SHA256' });
  });
});
