import { createHash } from 'node:crypto';

/**
 * Which nested stack holds a person's IAM user and first-password secret. CloudFormation caps a
 * stack at 500 resources; each active person takes two, so the roster is spread over
 * `ROSTER_SLICES` nested stacks. A person's slice depends on their id alone (a hash), never on
 * their place in the roster or its size: adding or removing someone never moves anyone else, and
 * a user that moved between stacks would fail to deploy (its name still taken by the old stack).
 * Pure, so the CDK app and the acknowledgements agree.
 */
export const ROSTER_SLICES = 40;

/** Most people one slice may hold: two resources each plus the nested stack's own, under 500. */
export const MAX_PEOPLE_PER_SLICE = 240;

export function sliceOf(personId: string): number {
  // IAM names are case-insensitive, and so is the slice: `jdoe` and `JDOE` are one user.
  return createHash('sha256').update(personId.toLowerCase()).digest().readUInt32BE(0) % ROSTER_SLICES;
}

/** People ids by slice, only the slices someone is in, in slice order. */
export function slicesOf(personIds: readonly string[]): Map<number, string[]> {
  const slices = new Map<number, string[]>();
  for (const id of personIds) {
    const n = sliceOf(id);
    slices.set(n, [...(slices.get(n) ?? []), id]);
  }
  return new Map([...slices.entries()].sort(([a], [b]) => a - b));
}

/** The construct id of a slice's nested stack under Identities. */
export function sliceConstructId(slice: number): string {
  return `Roster${String(slice).padStart(2, '0')}`;
}
