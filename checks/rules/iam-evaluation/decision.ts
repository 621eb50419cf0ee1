import { anyOf, type Outcome, type Unsupported } from './outcome';
import { type EvaluatedStatement, type IamRequest, statementApplies } from './statement';

/**
 * IAM's decision over identity policies (no resource policy, boundary, SCP or session policy:
 * the audit asks about a user's own policies): an explicit `Deny` that applies wins; otherwise
 * an `Allow` that applies allows; otherwise the request is implicitly denied. `Unsupported`
 * when a statement we cannot evaluate could change that answer.
 */
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | Unsupported;

/** Whether any statement of the given effect applies. */
export function effectApplies(statements: readonly EvaluatedStatement[], effect: 'Allow' | 'Deny', request: IamRequest): Outcome {
  return anyOf(
    statements.filter((s) => s.effect === effect),
    (s) => statementApplies(s, request),
  );
}

export function decide(policies: readonly (readonly EvaluatedStatement[])[], request: IamRequest): Decision {
  const deny = anyOf(policies, (p) => effectApplies(p, 'Deny', request));
  if (deny === true) return 'ExplicitlyDenied';
  const allow = anyOf(policies, (p) => effectApplies(p, 'Allow', request));
  if (allow === false) return 'ImplicitlyDenied';
  // Neither settles it alone: an unknown deny could still refuse an allow, an unknown allow could still grant.
  if (deny !== false) return deny;
  return allow === true ? 'Allowed' : allow;
}
