import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyStatement } from '../../../../checks/model/iam';
import type { AccessEvaluator, AccessPrincipal, AccessQuestion, AccessVerdict, PolicySource } from '../../../../checks/rules/effective-access';

/**
 * The effective-access evaluator as it was when it asked @cloud-copilot/iam-simulate (AGPL-3.0,
 * a devDependency): kept, test-only, as the oracle the differential tests compare
 * checks/rules/effective-access.ts with. Nothing shipped imports it.
 */

/**
 * Effective access: what a person's whole identity-policy set (every group's and the user's own,
 * managed and inline) allows, asked of a maintained IAM evaluator, @cloud-copilot/iam-simulate,
 * which matches actions and resources as IAM does (wildcards, `NotAction`, `NotResource`,
 * policy variables such as `${aws:username}`, explicit denies, every condition operator).
 * This is the one module that talks to it.
 *
 * The rules ask "could this person ever...", not "was this request allowed": conditions on what
 * the audit cannot know for every request (source network, MFA, time, tags, endpoints) are taken
 * as satisfiable in an `Allow` and as possibly unmet in a `Deny` (that deny is left out). Keys
 * the question fixes (REQUEST_KEYS) are evaluated exactly. The evaluator's own "Discovery" mode
 * answers the same question, but only through its asynchronous, validating entry point; the rules
 * are pure and synchronous, so its synchronous core runs in Strict mode on documents rewritten
 * accordingly. Answers are cached per distinct policy set: thousands of people share a few sets.
 */

/** Condition keys whose value (or absence) a question states: kept and evaluated exactly. */
const REQUEST_KEYS = new Set(['s3:prefix', 'iam:passedtoservice', 'aws:username', 'aws:userid', 'aws:principalarn', 'aws:principalaccount', 'aws:principaltype']);

interface Prepared {
  readonly label: string;
  readonly policy: unknown;
  readonly assumed: readonly string[];
}

const cache = new Map<string, { readonly answers: Map<string, AccessVerdict>; readonly mayAllow: (action: string) => boolean }>();
const MAX_CACHED_SETS = 10_000;

/** An evaluator of one principal's policy set. */
export function referenceEffectiveAccess(principal: AccessPrincipal, policies: readonly PolicySource[]): AccessEvaluator {
  const prepared = policies.map(prepare);
  // Results depend on the user only through policy variables: without any, people share answers.
  const personal = prepared.some((p) => JSON.stringify(p.policy).includes('${'));
  // The one change from the original: answers are cached per person and with the assumed keys
  // (the original shared them across an account's people when no policy variable appeared, even
  // under a condition on aws:username, and across sets differing only in unknowable conditions).
  const setKey = JSON.stringify([principal.arn, personal, prepared.map((p) => [p.label, p.policy, p.assumed])]);
  let cached = cache.get(setKey);
  if (!cached) {
    if (cache.size >= MAX_CACHED_SETS) cache.clear();
    cached = { answers: new Map(), mayAllow: allowedActionFilter(policies) };
    cache.set(setKey, cached);
  }
  const { answers: known, mayAllow } = cached;
  return (q) => {
    if (!mayAllow(q.action)) return DENIED;
    const key = `${q.action}\u0000${q.resource}\u0000${q.context ? Object.entries(q.context).join('\u0000') : ''}`;
    let verdict = known.get(key);
    if (!verdict) {
      verdict = evaluate(principal, prepared, q);
      known.set(key, verdict);
    }
    return verdict;
  };
}

const DENIED: AccessVerdict = { allowed: false, grantedBy: [], assumedConditions: [] };

/**
 * A sound shortcut, not a second evaluator: an action that no `Allow` names (as written, with
 * IAM's `*`/`?` wildcards, case-insensitive) and that no `Allow ... NotAction` could cover is
 * denied whatever the rest says; only the others are asked of the evaluator. Most people's sets
 * allow a few S3 actions, so the IAM questions of privilege-escalation end here.
 */
function allowedActionFilter(policies: readonly PolicySource[]): (action: string) => boolean {
  const allows = policies.flatMap((p) => p.document.statements.filter((s) => s.effect === 'Allow'));
  if (allows.some((s) => s.notActions.length > 0)) return () => true;
  const patterns = allows.flatMap((s) => s.actions).map((a) => new RegExp(`^${a.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i'));
  const seen = new Map<string, boolean>();
  return (action) => {
    let may = seen.get(action);
    if (may === undefined) {
      may = patterns.some((r) => r.test(action));
      seen.set(action, may);
    }
    return may;
  };
}

function evaluate(principal: AccessPrincipal, prepared: readonly Prepared[], q: AccessQuestion): AccessVerdict {
  if (!allows(principal, prepared, q)) return { allowed: false, grantedBy: [], assumedConditions: [] };
  // Which policies allow it alone (denies of the whole set still applied): the finding's "through".
  const denies = prepared.map((p) => ({ ...p, policy: onlyEffect(p.policy, 'Deny') }));
  const granting = prepared.filter((p) => allows(principal, [{ ...p, policy: onlyEffect(p.policy, 'Allow') }, ...denies], q));
  return {
    allowed: true,
    grantedBy: granting.map((p) => p.label),
    assumedConditions: [...new Set(granting.flatMap((p) => p.assumed))].sort(),
  };
}

function allows(principal: AccessPrincipal, prepared: readonly Prepared[], q: AccessQuestion): boolean {
  const result = runUnsafeSimulation(
    {
      request: {
        principal: principal.arn,
        action: q.action,
        resource: { resource: q.resource, accountId: principal.account },
        contextVariables: {
          'aws:username': principal.userName,
          'aws:PrincipalArn': principal.arn,
          'aws:PrincipalAccount': principal.account,
          'aws:PrincipalType': 'User',
          ...q.context,
        },
      },
      identityPolicies: prepared.map((p, i) => ({ name: `p${i}`, policy: p.policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  return result === 'Allowed';
}

type StatementJson = Record<string, unknown> & { Effect: 'Allow' | 'Deny' };

/** The document as IAM JSON, with conditions on unknowable keys rewritten as described above. */
function prepare(source: PolicySource): Prepared {
  const assumed: string[] = [];
  const statements = source.document.statements.flatMap((s): StatementJson[] => {
    const { kept, unknown } = splitConditions(s);
    if (unknown.length > 0 && s.effect === 'Deny') return [];
    if (s.effect === 'Allow') assumed.push(...unknown);
    return [toJson(s, kept)];
  });
  return { label: `${source.via}: ${source.name}`, policy: { Version: '2012-10-17', Statement: statements }, assumed: [...new Set(assumed)] };
}

function splitConditions(s: PolicyStatement): { kept: Record<string, Record<string, string | readonly string[]>>; unknown: string[] } {
  const kept: Record<string, Record<string, string | readonly string[]>> = {};
  const unknown: string[] = [];
  for (const [operator, byKey] of Object.entries(s.conditions ?? {})) {
    for (const [key, value] of Object.entries(byKey)) {
      if (REQUEST_KEYS.has(key.toLowerCase())) (kept[operator] ??= {})[key] = value;
      else unknown.push(key);
    }
  }
  return { kept, unknown };
}

function toJson(s: PolicyStatement, conditions: Record<string, unknown>): StatementJson {
  return {
    Effect: s.effect,
    ...(s.notActions.length > 0 ? { NotAction: [...s.notActions] } : { Action: [...s.actions] }),
    ...(s.notResources !== undefined && s.notResources.length > 0 ? { NotResource: [...s.notResources] } : { Resource: [...s.resources] }),
    ...(Object.keys(conditions).length > 0 ? { Condition: conditions } : {}),
  };
}

function onlyEffect(policy: unknown, effect: 'Allow' | 'Deny'): unknown {
  const p = policy as { Version: string; Statement: StatementJson[] };
  return { ...p, Statement: p.Statement.filter((s) => s.Effect === effect) };
}
