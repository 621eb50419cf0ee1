import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { reportSchema } from '../report-model';
import type { PreviousReport } from '../report/comparison';
import { sha256Hex } from '../report/scope';
import { readTextObject } from './s3-objects';

/** Pages of the reports prefix listed at most: a loop guard, far above years of daily runs. */
const MAX_PAGES = 200;

/**
 * The last report.json filed under the reports prefix before this run (by last-modified time),
 * for new/recurring/resolved and the trend. None on file, or one that does not parse, is no
 * comparison, said in the returned note; never a reason to fail the report.
 */
export async function lastFiledReport(s3: S3Client, bucket: string, prefix: string): Promise<{ previous?: PreviousReport; note?: string }> {
  let latest: { key: string; at: number } | undefined;
  let token: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of out.Contents ?? []) {
      if (o.Key?.endsWith('/report.json') && (latest === undefined || (o.LastModified?.getTime() ?? 0) > latest.at)) latest = { key: o.Key, at: o.LastModified?.getTime() ?? 0 };
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
    if (token === undefined) break;
    if (seen.has(token)) return { note: `listing s3://${bucket}/${prefix} repeated a continuation token` };
    seen.add(token);
  }
  if (latest === undefined) return { note: 'no earlier report on file' };
  const text = await readTextObject(s3, bucket, latest.key);
  if (text === undefined) return { note: `s3://${bucket}/${latest.key} disappeared while being read` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { note: `s3://${bucket}/${latest.key} is not JSON` };
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) return { note: `s3://${bucket}/${latest.key} is not a report` };
  return { previous: { report: parsed.data, sha256: sha256Hex(text) } };
}
