import type { CredentialUser } from '../model/credentials';
import type { AuditEvent } from '../model/events';
import type { Finding } from '../report-model';
import { groupBy } from './group-by';
import { streamingAsAnotherUser } from './streaming-identity';
import { type CheckDefinition, networkOrigin, peopleById, type RuleContext, sample, serviceAccountNames } from './context';

/** Logins nobody owns, service accounts used as people, one credential used from two places at once, and workstation sessions opened under another person's name. */
export const sharedCredentials: CheckDefinition = {
  check: 'shared-credentials',
  needs: ['credentialReport', 'events'],
  run({ credentialReport, events }, ctx) {
    return [
      ...ownership(credentialReport.users, ctx),
      ...concurrentConsoleSessions(events, ctx),
      ...keyMultipleOrigins(events, ctx),
      ...streamingAsAnotherUser(events),
    ];
  },
};

function hasCredential(u: CredentialUser): boolean {
  return u.passwordEnabled || u.keys.some((k) => k.active);
}

function ownership(users: readonly CredentialUser[], ctx: RuleContext): Finding[] {
  const services = serviceAccountNames(ctx.config);
  const people = peopleById(ctx.config);
  return users.flatMap((u) => owner(u, services, people));
}

function owner(u: CredentialUser, services: Set<string>, people: Map<string, unknown>): Finding[] {
  if (services.has(u.user)) {
    if (!u.passwordEnabled) return [];
    return [{ check: 'shared-credentials', rule: 'service-account-console', principal: u.user, severity: 'high', summary: `Service account ${u.user} has a console password: a person is signing in with it; remove the password.`, evidence: { arn: u.arn, passwordLastUsed: u.passwordLastUsed } }];
  }
  if (people.has(u.user) || !hasCredential(u)) return [];
  return [{ check: 'shared-credentials', rule: 'unowned-identity', principal: u.user, severity: 'high', summary: `IAM user ${u.user} is neither a person nor a declared service account but can sign in or call AWS: find its owner or delete it.`, evidence: { arn: u.arn, passwordEnabled: u.passwordEnabled, activeKeys: u.keys.filter((k) => k.active).map((k) => k.slot) } }];
}

function windowMs(ctx: RuleContext): number {
  return ctx.config.thresholds.sharedWindowMinutes * 60_000;
}

/** Two successful sign-ins of one user within the window, from different addresses and different browsers. */
function concurrentConsoleSessions(events: readonly AuditEvent[], ctx: RuleContext): Finding[] {
  const byUser = groupBy(events.filter((e) => e.eventName === 'ConsoleLogin' && e.success && e.identityType === 'IAMUser' && e.userName !== undefined), (e) => e.userName as string);
  const span = windowMs(ctx);
  const findings: Finding[] = [];
  for (const [user, logins] of byUser) {
    const pairs: [AuditEvent, AuditEvent][] = [];
    // Stryker disable next-line EqualityOperator: at i = length the inner loop starts at j = length + 1 and never runs.
    for (let i = 0; i < logins.length; i += 1) {
      for (let j = i + 1; j < logins.length && logins[j].timeMs - logins[i].timeMs <= span; j += 1) {
        if (logins[i].sourceIp !== logins[j].sourceIp && logins[i].userAgent !== logins[j].userAgent) pairs.push([logins[i], logins[j]]);
      }
    }
    if (pairs.length === 0) continue;
    const [a, b] = pairs[0];
    findings.push({
      check: 'shared-credentials',
      rule: 'concurrent-console-sessions',
      principal: user,
      severity: 'high',
      summary: `${user} signed in from ${a.sourceIp} and ${b.sourceIp} with different browsers within ${ctx.config.thresholds.sharedWindowMinutes} minutes (${a.time}): ask whether the password is shared, then reset it.`,
      evidence: { pairs: sample(pairs).map(([x, y]) => [signIn(x), signIn(y)]), pairCount: pairs.length },
    });
  }
  return findings;
}

/** One long-term key (AKIA...) used from two or more addresses with two or more user agents within the window. */
function keyMultipleOrigins(events: readonly AuditEvent[], ctx: RuleContext): Finding[] {
  const fromClient = networkOrigin();
  const byKey = groupBy(events.filter((e) => e.accessKeyId?.startsWith('AKIA') && fromClient(e)), (e) => e.accessKeyId as string);
  const span = windowMs(ctx);
  const findings: Finding[] = [];
  for (const [key, uses] of byKey) {
    const hit = firstCrowdedWindow(uses, span);
    if (!hit) continue;
    const principal = uses.find((e) => e.userName !== undefined)?.userName ?? key;
    findings.push({
      check: 'shared-credentials',
      rule: 'access-key-multiple-origins',
      principal,
      severity: 'high',
      summary: `${principal}'s access key ${key} was used from ${hit.ips.length} addresses with ${hit.agents.length} different clients within ${ctx.config.thresholds.sharedWindowMinutes} minutes (from ${hit.events[0].time}): rotate the key and ask who holds copies.`,
      evidence: { accessKeyId: key, sourceIps: hit.ips, userAgents: hit.agents, eventIds: sample(hit.events.map((e) => e.id)), from: hit.events[0].time, to: hit.events[hit.events.length - 1].time },
    });
  }
  return findings;
}

/** Sliding window over time-sorted uses: the first span holding 2+ addresses and 2+ user agents. */
function firstCrowdedWindow(uses: readonly AuditEvent[], span: number) {
  const ips = new Map<string, number>();
  const agents = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string, d: number) => {
    // Stryker disable next-line ArithmeticOperator: subtracting d only negates every count; zero and the set of keys stay the same.
    const n = (m.get(k) ?? 0) + d;
    if (n === 0) m.delete(k);
    else m.set(k, n);
  };
  let start = 0;
  for (let end = 0; end < uses.length; end += 1) {
    bump(ips, uses[end].sourceIp, 1);
    bump(agents, uses[end].userAgent, 1);
    while (uses[end].timeMs - uses[start].timeMs > span) {
      bump(ips, uses[start].sourceIp, -1);
      bump(agents, uses[start].userAgent, -1);
      start += 1;
    }
    if (ips.size >= 2 && agents.size >= 2) return { ips: [...ips.keys()], agents: [...agents.keys()], events: uses.slice(start, end + 1) };
  }
  return undefined;
}

function signIn(e: AuditEvent) {
  return { eventId: e.id, time: e.time, sourceIp: e.sourceIp, userAgent: e.userAgent };
}
