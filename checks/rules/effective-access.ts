import type { PolicyDocument, PolicyStatement } from '../model/iam';
import { actionMatches } from './iam-evaluation/action-match';
import { effectApplies } from './iam-evaluation/decision';
import { anyOf, type Outcome } from './iam-evaluation/outcome';
import { hasPolicyVariable } from './iam-evaluation/policy-variables';
import { requestContext } from './iam-evaluation/request-context';
import type { EvaluatedStatement, IamRequest } from './iam-evaluation/statement';

/**
 * Effective access: what a person's whole identity-policy set (every group's and the user's own,
 * managed and inline) allows, asked of our IAM evaluator (checks/rules/iam-evaluation/), which
 * matches actions and resources as IAM does (wildcards, `NotAction`, `NotResource`, policy
 * variables such as `${aws:username}`, explicit denies, IAM's condition operators). It is
 * differentially tested against @cloud-copilot/iam-simulate, which is AGPL-3.0 and so a
 * devDependency only: nothing shipped runs it.
 *
 * The rules ask "could this person ever...", not "was this request allowed": conditions on what
 * the audit cannot know for every request (source network, MFA, time, tags, endpoints) are taken
 * as satisfiable in an `Allow` and as possibly unmet in a `Deny` (that deny is left out). Keys
 * the question fixes (REQUEST_KEYS) are evaluated exactly. What the evaluator cannot decide (an
 * operator it does not know on such a key, a policy variable whose value the audit does not
 * know, a resource type with a wildcard) throws UndecidableAccessError when it could change the
 * answer: the check is then `error`, never a guessed "not allowed". Answers are cached per
 * distinct policy set: thousands of people share a few sets.
 */

/** Condition keys whose value (or absence) a question states: kept and evaluated exactly. */
const REQUEST_KEYS: ReadonlySet<string> = new Set(['s3:prefix', 'iam:passedtoservice', 'aws:username', 'aws:principalarn', 'aws:principalaccount', 'aws:principaltype']);

export interface PolicySource {
  /** Where it is attached: `user` or `group <name>`. */
  readonly via: string;
  readonly name: string;
  readonly document: PolicyDocument;
}

export interface AccessPrincipal {
  readonly userName: string;
  readonly arn: string;
  readonly account: string;
}

export interface AccessQuestion {
  readonly action: string;
  readonly resource: string;
  /** Values of REQUEST_KEYS for this request (e.g. `s3:prefix`, `iam:PassedToService`); the others are absent. */
  readonly context?: Readonly<Record<string, string>>;
}

export interface AccessVerdict {
  readonly allowed: boolean;
  /** The policies that allow it on their own (`<via>: <name>`). */
  readonly grantedBy: readonly string[];
  /** Condition keys of those policies' allows that were taken as satisfiable. */
  readonly assumedConditions: readonly string[];
}

/** A question the evaluator cannot answer from what the policies say: the check must be `error`. */
export class UndecidableAccessError extends Error {
  constructor(principal: AccessPrincipal, q: AccessQuestion, policy: string, reason: string) {
    super(`cannot decide whether ${principal.userName} may ${q.action} on ${q.resource}: policy "${policy}" uses ${reason}`);
    this.name = 'UndecidableAccessError';
  }
}

interface Prepared {
  readonly label: string;
  readonly statements: readonly EvaluatedStatement[];
  readonly assumed: readonly string[];
}

export type AccessEvaluator = (q: AccessQuestion) => AccessVerdict;

const cache = new Map<string, { readonly answers: Map<string, AccessVerdict>; readonly mayAllow: (action: string) => boolean }>();
const MAX_CACHED_SETS = 10_000;

/** An evaluator of one principal's policy set. */
export function effectiveAccess(principal: AccessPrincipal, policies: readonly PolicySource[]): AccessEvaluator {
  const prepared = policies.map(prepare);
  // Results depend on the user only through policy variables and conditions on the principal's
  // own keys: without any, people of one account share answers.
  const personal = prepared.some((p) => p.statements.some(dependsOnPrincipal));
  // The assumed keys are part of the answer (a verdict names them), so of the key too.
  const setKey = JSON.stringify([personal ? principal.arn : principal.account, prepared.map((p) => [p.label, p.statements, p.assumed])]);
  let cached = cache.get(setKey);
  if (!cached) {
    if (cache.size >= MAX_CACHED_SETS) cache.clear();
    cached = { answers: new Map(), mayAllow: allowedActionFilter(prepared) };
    cache.set(setKey, cached);
  }
  const { answers: known, mayAllow } = cached;
  return (q) => {
    if (!mayAllow(q.action)) return DENIED;
    const key = `${q.action}\u0000${q.resource}\u0000${Object.entries(q.context ?? {}).join('\u0000')}`;
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
 * A sound shortcut: an action that no `Allow` could cover (as IAM matches actions) and that no
 * `Allow ... NotAction` could cover is denied whatever the rest says; only the others are
 * evaluated. Most people's sets allow a few S3 actions, so the IAM questions of
 * privilege-escalation end here. An entry the matcher cannot read keeps the action in.
 */
function allowedActionFilter(prepared: readonly Prepared[]): (action: string) => boolean {
  const allows = prepared.flatMap((p) => p.statements.filter((s) => s.effect === 'Allow'));
  if (allows.some((s) => s.notActions.length > 0)) return () => true;
  const patterns = allows.flatMap((s) => s.actions);
  const seen = new Map<string, boolean>();
  return (action) => {
    let may = seen.get(action);
    if (may === undefined) {
      may = anyOf(patterns, (p) => actionMatches(p, action)) !== false;
      seen.set(action, may);
    }
    return may;
  };
}

function evaluate(principal: AccessPrincipal, prepared: readonly Prepared[], q: AccessQuestion): AccessVerdict {
  const context = requestContext(
    { 'aws:username': principal.userName, 'aws:PrincipalArn': principal.arn, 'aws:PrincipalAccount': principal.account, 'aws:PrincipalType': 'User', ...q.context },
    { knownKeys: REQUEST_KEYS },
  );
  const request: IamRequest = { action: q.action, resource: q.resource, context };
  const allows = prepared.map((p) => ({ p, o: effectApplies(p.statements, 'Allow', request) }));
  // Nothing could allow it: denied, whatever the denies say.
  if (allows.every(({ o }) => o === false)) return DENIED;
  const decided = ({ p, o }: { p: Prepared; o: Outcome }): boolean => {
    if (typeof o === 'boolean') return o;
    throw new UndecidableAccessError(principal, q, p.label, o.unsupported);
  };
  // An explicit deny anywhere in the set wins; one that might apply is not assumed away.
  const denies = prepared.map((p) => ({ p, o: effectApplies(p.statements, 'Deny', request) }));
  if (denies.some(({ o }) => o === true)) return DENIED;
  denies.forEach(decided);
  // Which policies allow it alone: the finding's "through". Every policy is decided, so an
  // undecidable allow is an error even when another policy allows (the finding would misname it).
  const granting = allows.filter(decided).map(({ p }) => p);
  return {
    allowed: true,
    grantedBy: granting.map((p) => p.label),
    assumedConditions: [...new Set(granting.flatMap((p) => p.assumed))].sort(),
  };
}

/** The document's statements, with conditions on unknowable keys rewritten as described above. */
function prepare(source: PolicySource): Prepared {
  const assumed: string[] = [];
  const statements = source.document.statements.flatMap((s): EvaluatedStatement[] => {
    const { kept, unknown } = splitConditions(s);
    if (unknown.length > 0 && s.effect === 'Deny') return [];
    // Only an Allow gets here with unknown keys: such a Deny was left out just above.
    assumed.push(...unknown);
    return [
      {
        effect: s.effect,
        actions: s.actions,
        notActions: s.notActions,
        resources: s.resources,
        notResources: s.notResources,
        // An empty block holds, as no block does.
        conditions: kept,
      },
    ];
  });
  return { label: `${source.via}: ${source.name}`, statements, assumed: [...new Set(assumed)] };
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

const PRINCIPAL_KEYS: ReadonlySet<string> = new Set(['aws:username', 'aws:principalarn', 'aws:principaltype']);

function dependsOnPrincipal(s: EvaluatedStatement): boolean {
  const byKey = Object.values(s.conditions ?? {});
  if (byKey.some((keys) => Object.keys(keys).some((k) => PRINCIPAL_KEYS.has(k.toLowerCase())))) return true;
  const values = byKey.flatMap((keys) => Object.values(keys).flat());
  // Stryker disable next-line ArrayDeclaration: the stand-in for an absent NotResource must hold no policy variable, and Stryker's holds none.
  return [...s.resources, ...(s.notResources ?? []), ...values].some(hasPolicyVariable);
}

/**
 * An `Allow` of everything but a few actions on every resource (`NotAction` with `Resource: "*"`
 * or a `NotResource`): near-administrator whatever it leaves out. Structural, no evaluation needed.
 */
export function nearAdminNotAction(s: PolicyStatement): boolean {
  return s.effect === 'Allow' && s.notActions.length > 0 && (s.resources.includes('*') || (s.notResources?.length ?? 0) > 0);
}
