import { createHash } from 'node:crypto';
import type { AuditModel } from '../model/audit-model';
import type { InputRecord } from '../report-model';
import type { AuditScope } from './auditor-schema';
import { TOOL } from './tool-version';

export const sha256Hex = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex');

const ACCOUNT_IN_ARN = /^arn:aws[\w-]*:iam::(\d{12}):/;
/** `AWSLogs/<account>/CloudTrail/<region>/` or, for an organization trail, `AWSLogs/o-xxxx/<account>/CloudTrail/<region>/`. */
const TRAIL_PATH = /(?:^|\/)AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?(\d{12})\/CloudTrail\/([a-z]{2}(?:-[a-z]+)+-\d)\//;
const LOOKUP = /^api:cloudtrail:LookupEvents:([a-z]{2}(?:-[a-z]+)+-\d)$/;
const S3_TRAIL = /^s3:\/\/([^/]+)\/(.*?)AWSLogs\//;
const ACCOUNT_DIR = /(?:^|\/)accounts\/(\d{12})\//;

/**
 * What the audit covered, from the inputs it actually read (never from what it was asked to read):
 * accounts from the credential report's ARNs and the trail's folders, regions from LookupEvents
 * and the trail's folders, the trail archives from the S3 objects read. Pure: the caller hashes
 * the config and register bytes and says who ran it.
 */
export function auditScope(args: {
  readonly source: AuditScope['source'];
  readonly evidenceDir?: string;
  readonly model?: AuditModel;
  readonly inputs: readonly InputRecord[];
  readonly runBy: AuditScope['runBy'];
  readonly configSha256: string;
  readonly registerSha256: string | null;
}): AuditScope {
  const accounts = new Set<string>();
  const regions = new Set<string>();
  const trails = new Map<string, { bucket: string; prefix: string }>();
  const report = args.model?.credentialReport;
  if (report?.ok) for (const user of report.value.users) accountOf(user.arn, accounts);
  for (const input of args.inputs) {
    if (input.status !== 'read') continue;
    const trail = TRAIL_PATH.exec(input.source);
    if (trail) {
      accounts.add(trail[1] as string);
      regions.add(trail[2] as string);
    }
    const lookup = LOOKUP.exec(input.source);
    if (lookup) regions.add(lookup[1] as string);
    const s3 = S3_TRAIL.exec(input.source);
    if (s3) trails.set(`${s3[1]}/${s3[2]}`, { bucket: s3[1] as string, prefix: s3[2] as string });
    const dir = ACCOUNT_DIR.exec(input.source);
    if (dir) accounts.add(dir[1] as string);
  }
  return {
    source: args.source,
    ...(args.evidenceDir !== undefined ? { evidenceDir: args.evidenceDir } : {}),
    accounts: [...accounts].sort(),
    regions: [...regions].sort(),
    trails: [...trails.values()].sort((a, b) => `${a.bucket}/${a.prefix}`.localeCompare(`${b.bucket}/${b.prefix}`)),
    tool: TOOL,
    runBy: args.runBy,
    configSha256: args.configSha256,
    registerSha256: args.registerSha256,
  };
}

function accountOf(arn: string, into: Set<string>): void {
  const m = ACCOUNT_IN_ARN.exec(arn);
  if (m) into.add(m[1] as string);
}
