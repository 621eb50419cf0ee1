import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Row } from '@aws-sdk/client-athena';
import { EVENT_COLUMNS } from '../../../checks/athena/sql';

/** Athena result pages and rows for tests, derived from the example evidence. */
export const COLUMNS = EVENT_COLUMNS.map(([, alias]) => alias);
export const COVERAGE_COLUMNS = ['account', 'utc_day', 'events'];

const header = (names: readonly string[]): Row => ({ Data: names.map((n) => ({ VarCharValue: n })) });
const dataRow = (names: readonly string[], row: Record<string, string | undefined>): Row => ({ Data: names.map((n) => (row[n] === undefined ? {} : { VarCharValue: row[n] })) });

/** Pages of GetQueryResults as Athena returns them: column info, the header row first, NextToken between pages. */
export function pages(names: readonly string[], rows: Record<string, string | undefined>[], size = 3) {
  const all = [header(names), ...rows.map((r) => dataRow(names, r))];
  const out = [];
  for (let i = 0; i < all.length || i === 0; i += size) {
    out.push({
      ResultSet: { ResultSetMetadata: { ColumnInfo: names.map((Name) => ({ Name, Type: 'varchar' })) }, Rows: all.slice(i, i + size) },
      ...(i + size < all.length ? { NextToken: `t${i + size}` } : {}),
    });
  }
  return out;
}

/** Every record of the example evidence, as the archive (and so the table) holds them: one per eventID. */
export function exampleRecords(): Record<string, unknown>[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk('test/fixtures/evidence/example/cloudtrail');
  const byId = new Map<string, Record<string, unknown>>();
  for (const file of files) {
    const text = (file.endsWith('.gz') ? gunzipSync(readFileSync(file)) : readFileSync(file)).toString('utf8');
    const doc = JSON.parse(text) as { Records?: Record<string, unknown>[]; Events?: { CloudTrailEvent: string }[] };
    for (const r of doc.Records ?? doc.Events?.map((e) => JSON.parse(e.CloudTrailEvent) as Record<string, unknown>) ?? []) byId.set(String(r.eventID), r);
  }
  return [...byId.values()];
}

/** What the SQL selects from a record (the same projection, done by hand), or undefined when its WHERE (the window) drops it. */
export function asRow(r: Record<string, unknown>, from: Date, to: Date): Record<string, string | undefined> | undefined {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
  const who = obj(r.userIdentity);
  const params = obj(r.requestParameters);
  const time = String(r.eventTime);
  if (time < `${from.toISOString().slice(0, 19)}Z` || time > `${to.toISOString().slice(0, 19)}Z` ) return undefined;
  return {
    eventid: str(r.eventID), eventtime: time, eventname: str(r.eventName), eventsource: str(r.eventSource), sourceipaddress: str(r.sourceIPAddress), useragent: str(r.userAgent),
    errorcode: str(r.errorCode), vpcendpointid: str(r.vpcEndpointId), vpcendpointaccountid: str(r.vpcEndpointAccountId), identity_arn: str(who.arn), recipientaccountid: str(r.recipientAccountId), identity_type: str(who.type),
    user_name: str(who.userName), access_key_id: str(who.accessKeyId), invoked_by: str(who.invokedBy),
    bucket_name: str(params.bucketName), object_key: str(params.key) ?? str(params.Key), console_login: str(obj(r.responseElements).ConsoleLogin), model_id: str(params.modelId), request_user_id: str(params.userId), mfa_used: str(obj(r.additionalEventData).MFAUsed),
  };
}
