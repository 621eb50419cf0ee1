import type { CodingEnvConfig, Person, Role } from './schema';

/**
 * Who gets which identity, derived from the roster (CONTRACT §2). Pure, so the CDK app,
 * the policy gates and the audit derive the same answer from the same config.
 */

export const GROUP_LEADS = 'coding-leads';
export const GROUP_AUDITORS = 'compliance-auditors';
export const GROUP_ADMINS = 'platform-admins';
export const CODER_GROUP_PREFIX = 'coders-';

export function coderGroupName(specialty: string): string {
  return `${CODER_GROUP_PREFIX}${specialty}`;
}

/** The specialty a `coders-<s>` group serves, or undefined for other groups. */
export function specialtyOfGroup(group: string): string | undefined {
  return group.startsWith(CODER_GROUP_PREFIX) ? group.slice(CODER_GROUP_PREFIX.length) : undefined;
}

/** Departed: `status` says so, or `endDate` is on or before the as-of date (YYYY-MM-DD). */
export function isDeparted(person: Person, asOf: string): boolean {
  return person.status === 'departed' || (person.endDate !== undefined && person.endDate <= asOf);
}

export function activePeople(config: CodingEnvConfig, asOf: string): Person[] {
  return config.people.filter((p) => !isDeparted(p, asOf));
}

/** The groups a person's role and specialties give, and nothing else. */
export function groupsFor(person: Pick<Person, 'role' | 'specialties'>): string[] {
  const byRole: Record<Role, string[]> = {
    coder: person.specialties.map(coderGroupName),
    lead: [...person.specialties.map(coderGroupName), GROUP_LEADS],
    auditor: [GROUP_AUDITORS],
    admin: [GROUP_ADMINS],
  };
  return byRole[person.role];
}

/** Every group the environment defines for this config: one per specialty plus the role groups. */
export function allGroups(config: CodingEnvConfig): string[] {
  return [...config.specialties.map(coderGroupName), GROUP_LEADS, GROUP_AUDITORS, GROUP_ADMINS];
}

/**
 * The groups somebody active holds as of the date: only these are created, since a group nobody
 * is in grants nothing and is flagged (HIPAA.Security-IAMGroupHasUsers) as clutter to remove.
 */
export function staffedGroups(config: CodingEnvConfig, asOf: string): string[] {
  const held = new Set(activePeople(config, asOf).flatMap(groupsFor));
  return allGroups(config).filter((g) => held.has(g));
}

/** Today's date (YYYY-MM-DD) in an IANA time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD. One formatter per zone: building one costs more than formatting.
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}
const dayFormats = new Map<string, Intl.DateTimeFormat>();
