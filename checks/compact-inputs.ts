import { createHash } from 'node:crypto';
import type { InputRecord } from './report-model';

/** Inputs not read whole are named one by one up to this many; the rest are counted. */
export const MAX_UNREAD_LISTED = 50;

// An archive object of one region and day: `s3://b/[p/]AWSLogs/[o-x/]acct/CloudTrail/region/YYYY/MM/DD/file`.
const ARCHIVE_OBJECT = /^(s3:\/\/.+\/CloudTrail\/[^/]+\/)\d{4}\/\d{2}\/\d{2}\/[^/]+$/;

/**
 * The inputs of a scheduled check, small enough for Step Functions: a month of an archive is
 * thousands of objects. Objects read whole collapse into one input per region folder whose
 * hash is the SHA-256 of their manifest (`<sha256>  <source>` lines, sorted; recomputable from
 * the bucket). Every input not read whole stays listed with its reason (up to a bound, then
 * counted), so compaction never turns an incomplete check into a complete one.
 */
export function compactInputs(inputs: readonly InputRecord[], maxUnread = MAX_UNREAD_LISTED): InputRecord[] {
  const unique = dedupeInputs(inputs);
  const groups = new Map<string, { folder: string; members: InputRecord[] }>();
  const out: InputRecord[] = [];
  const unread: InputRecord[] = [];
  for (const input of unique) {
    const folder = ARCHIVE_OBJECT.exec(input.source)?.[1];
    if (input.status === 'read' && folder !== undefined) {
      const key = `${input.kind}\u0000${folder}`;
      const group = groups.get(key) ?? { folder, members: [] };
      group.members.push(input);
      groups.set(key, group);
    } else if (input.status === 'read' || input.status === 'ignored') out.push(input);
    else unread.push(input);
  }
  for (const { folder, members } of groups.values()) out.push(members.length === 1 ? members[0] : collapse(folder, members));
  out.push(...unread.slice(0, maxUnread));
  const rest = unread.slice(maxUnread);
  if (rest.length > 0) out.push(counted(rest));
  return out;
}

/** The same input reported twice (three event checks read one archive) is listed once. */
export function dedupeInputs(inputs: readonly InputRecord[]): InputRecord[] {
  const seen = new Set<string>();
  return inputs.filter((i) => {
    const key = JSON.stringify([i.source, i.status, i.sha256, i.problem]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function collapse(folder: string, members: readonly InputRecord[]): InputRecord {
  const manifest = members
    .map((m) => `${m.sha256}  ${m.source}\n`)
    .sort()
    .join('');
  return {
    source: `${folder}* (${members.length} objects of the window)`,
    kind: members[0].kind,
    status: 'read',
    records: members.reduce((n, m) => n + m.records, 0),
    sha256: createHash('sha256').update(manifest).digest('hex'),
  };
}

function counted(rest: readonly InputRecord[]): InputRecord {
  return {
    source: `${rest.length} more input(s) not read whole`,
    kind: rest[0].kind,
    status: 'skipped',
    records: 0,
    sha256: '',
    problem: `not listed one by one to fit the scheduled run's payload; first: ${rest[0].source} (${rest[0].problem ?? rest[0].status}); run coding-env audit --live for every one`,
  };
}
