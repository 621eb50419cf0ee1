import type { PolicyStatement } from '../../model/iam';
import { actionMatches } from './action-match';
import { conditionsMatch } from './condition';
import { allOf, anyOf, negatively, not, type Outcome, positively } from './outcome';
import type { RequestContext } from './request-context';
import { resourceMatches } from './resource-match';

/** One request: an action on one resource ARN, with its context. */
export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: RequestContext;
}

/** The parts of a statement an identity-policy decision reads (no `Principal`). */
export type EvaluatedStatement = Pick<PolicyStatement, 'effect' | 'actions' | 'notActions' | 'resources' | 'notResources' | 'conditions'>;

/**
 * Whether a statement applies to a request: its `Action` covers the action (or its `NotAction`
 * does not), its `Resource` covers the resource (or its `NotResource` does not), and its
 * `Condition` holds. Checked in that order and lazily, so an unsupported condition in a
 * statement about other actions never matters.
 */
export function statementApplies(s: EvaluatedStatement, request: IamRequest): Outcome {
  return allOf([action, resource, condition], (part) => part(s, request));
}

const action = (s: EvaluatedStatement, r: IamRequest): Outcome =>
  s.notActions.length > 0 ? not(anyOf(s.notActions, (a) => actionMatches(a, r.action))) : anyOf(s.actions, (a) => actionMatches(a, r.action));

const resource = (s: EvaluatedStatement, r: IamRequest): Outcome =>
  s.notResources !== undefined && s.notResources.length > 0
    ? allOf(s.notResources, (p) => negatively(resourceMatches(p, r.resource, r.context)))
    : anyOf(s.resources, (p) => positively(resourceMatches(p, r.resource, r.context)));

const condition = (s: EvaluatedStatement, r: IamRequest): Outcome => conditionsMatch(s.conditions, r.context);
