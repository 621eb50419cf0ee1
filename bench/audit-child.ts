import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { AthenaClient } from '@aws-sdk/client-athena';
import { loadConfigFile } from '../lib/config/load';
import type { CodingEnvConfig } from '../lib/config/schema';
import { EVENT_COLUMNS } from '../checks/athena/sql';
import { auditWindow, buildReport } from '../checks/audit';
import { collectAthenaEvents } from '../checks/collect/athena';
import { loadEvidenceDir } from '../checks/evidence/evidence-dir';
import { listFiles } from '../checks/evidence/walk';
import { parseRegister } from '../checks/register/load';
import { relevantEvents } from '../checks/rules/relevance';

/**
 * One measurement in its own process (bench/audit.ts compiles this file with esbuild and runs
 * it with plain node, as the compiled CLI runs): `floor`, `audit` or `athena` over `--dir`.
 * Prints one JSON line: the time inside the process from the first read of evidence (the
 * config is parsed before the clock starts), peak RSS, and the number of records or findings.
 */

export const AS_OF = new Date('2026-11-20T12:00:00Z');
const ACCOUNT = '111122223333';

/** Read, gunzip and JSON.parse every CloudTrail file, one after another: what any audit must do. */
async function floor(dir: string): Promise<number> {
  let records = 0;
  for (const file of listFiles(join(dir, 'cloudtrail'))) {
    const chunks: Buffer[] = [];
    for await (const chunk of createReadStream(file).pipe(createGunzip())) chunks.push(chunk as Buffer);
    records += (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Records: unknown[] }).Records.length;
  }
  return records;
}

async function audit(dir: string, config: CodingEnvConfig): Promise<number> {
  const window = auditWindow(AS_OF, 30);
  // As the CLI calls it: the filter as a predicate and as data (for the parsing workers).
  const loaded = await loadEvidenceDir(dir, { window, keep: relevantEvents(config), filter: { kind: 'audit', config, watchList: [] } });
  const report = buildReport({ config, model: loaded.model, inputs: loaded.inputs, register: parseRegister({}, 'none'), window, generatedAt: new Date() });
  if (report.checks.some((c) => c.status === 'error')) throw new Error(JSON.stringify(report.checks));
  return report.findings.length;
}

type Page = { ResultSet: { ResultSetMetadata?: { ColumnInfo: { Name: string }[] }; Rows: { Data: { VarCharValue?: string }[] }[] }; NextToken?: string };

/**
 * The GetQueryResults pages Athena would return for the event and coverage queries over the
 * same records (1,000 rows a page, a header row first), built before the clock starts.
 */
function athenaPages(dir: string): { events: Page[]; coverage: Page[] } {
  const at = (r: Record<string, unknown>, path: string): string | undefined => {
    let v: unknown = r;
    for (const p of path.split('.')) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[p];
    return typeof v === 'string' ? v : undefined;
  };
  const fields: Record<string, string> = {
    identity_type: 'userIdentity.type', identity_arn: 'userIdentity.arn', user_name: 'userIdentity.userName', access_key_id: 'userIdentity.accessKeyId', invoked_by: 'userIdentity.invokedBy',
    bucket_name: 'requestParameters.bucketName', object_key: 'requestParameters.key', model_id: 'requestParameters.modelId', request_user_id: 'requestParameters.userId', console_login: 'responseElements.ConsoleLogin', mfa_used: 'additionalEventData.MFAUsed',
    eventid: 'eventID', eventtime: 'eventTime', eventname: 'eventName', eventsource: 'eventSource', sourceipaddress: 'sourceIPAddress', useragent: 'userAgent', errorcode: 'errorCode', vpcendpointid: 'vpcEndpointId', vpcendpointaccountid: 'vpcEndpointAccountId', recipientaccountid: 'recipientAccountId',
  };
  const columns = EVENT_COLUMNS.map(([, alias]) => alias);
  const missing = columns.filter((c) => fields[c] === undefined);
  if (missing.length > 0) throw new Error(`bench/audit-child.ts: no record field for the Athena column(s) ${missing.join(', ')}`);
  const rows: { Data: { VarCharValue?: string }[] }[] = [];
  const days = new Map<string, number>();
  for (const file of listFiles(join(dir, 'cloudtrail'))) {
    for (const r of (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: Record<string, unknown>[] }).Records) {
      rows.push({ Data: columns.map((c) => ({ VarCharValue: at(r, fields[c]) })) });
      const day = String(r.eventTime).slice(0, 10);
      days.set(day, (days.get(day) ?? 0) + 1);
    }
  }
  rows.sort((a, b) => (a.Data[1].VarCharValue ?? '').localeCompare(b.Data[1].VarCharValue ?? ''));
  const paged = (names: string[], data: typeof rows): Page[] => {
    const pages: Page[] = [];
    for (let i = 0; i === 0 || i < data.length; i += 1000) {
      const head = i === 0 ? [{ Data: names.map((n) => ({ VarCharValue: n })) }] : [];
      pages.push({ ResultSet: { ...(i === 0 ? { ResultSetMetadata: { ColumnInfo: names.map((Name) => ({ Name })) } } : {}), Rows: [...head, ...data.slice(i, i + 1000)] }, ...(i + 1000 < data.length ? { NextToken: `t${i + 1000}` } : {}) });
    }
    return pages;
  };
  const coverageRows = [...days].sort().map(([day, n]) => ({ Data: [{ VarCharValue: ACCOUNT }, { VarCharValue: day }, { VarCharValue: String(n) }] }));
  return { events: paged(columns, rows), coverage: paged(['account', 'utc_day', 'events'], coverageRows) };
}

/** A client that answers as Athena does once the query has run: our row path, without the network. */
function fakeAthena(pages: { events: Page[]; coverage: Page[] }): AthenaClient {
  let query = 0;
  const byId: Record<string, Page[]> = {};
  return {
    send: async (command: { constructor: { name: string }; input: Record<string, string> }) => {
      const name = command.constructor.name;
      if (name === 'StartQueryExecutionCommand') {
        const id = `q${query++}`;
        byId[id] = /count\(\*\)/.test(command.input.QueryString) ? pages.coverage : pages.events;
        return { QueryExecutionId: id };
      }
      if (name === 'GetQueryExecutionCommand') return { QueryExecution: { Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 0 } } };
      if (name === 'GetQueryResultsCommand') {
        const list = byId[command.input.QueryExecutionId];
        const token = command.input.NextToken;
        return list[token === undefined ? 0 : Number(token.slice(1)) / 1000];
      }
      throw new Error(`unexpected ${name}`);
    },
  } as unknown as AthenaClient;
}

async function athena(config: CodingEnvConfig, client: AthenaClient): Promise<number> {
  const window = auditWindow(AS_OF, 30);
  const collected = await collectAthenaEvents({ client, window: { from: window.from, to: window.to, accounts: [ACCOUNT] }, keep: relevantEvents(config), sleep: async () => undefined });
  const model = { credentialReport: { ok: false, error: 'not read: Athena row path only' }, authorization: { ok: false, error: 'not read: Athena row path only' }, events: collected.events, coverage: collected.coverage } as const;
  const report = buildReport({ config, model, inputs: collected.inputs, register: parseRegister({}, 'none'), window, generatedAt: new Date() });
  return report.findings.length;
}

export async function child(mode: string, dir: string): Promise<void> {
  // The config is the organisation's, not evidence: parsed before the clock starts, in every mode.
  const config = loadConfigFile(join(dir, 'config.json'));
  const client = mode === 'athena' ? fakeAthena(athenaPages(dir)) : undefined;
  const start = process.hrtime.bigint();
  const result = mode === 'floor' ? await floor(dir) : client ? await athena(config, client) : await audit(dir, config);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ mode, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, result }));
}

const [mode, dir] = process.argv.slice(2);
if (mode !== undefined && dir !== undefined) {
  child(mode, dir).catch((err: Error) => {
    process.stderr.write(`${mode} failed: ${err.message}\n`);
    process.exitCode = 1;
  });
}
