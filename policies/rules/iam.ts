import type { CfnResource } from 'aws-cdk-lib';
import { asList, isObject, type JsonObject, referencedLogicalId, resourcesInStack, templateOf } from './resolve';

/** One IAM policy statement, normalised: lists are lists, keys as IAM spells them. */
export interface Statement {
  readonly effect: string;
  readonly actions: string[];
  readonly notActions: boolean;
  readonly resources: unknown[];
  readonly notResources: boolean;
  readonly condition: JsonObject;
  readonly principal: unknown;
}

/** A policy document a group's members receive, with where it came from (for messages). */
export interface AttachedPolicy {
  readonly source: string;
  readonly statements: Statement[];
}

export function statementsOf(document: unknown): Statement[] {
  if (!isObject(document)) return [];
  return asList(document.Statement).filter(isObject).map((s) => ({
    effect: typeof s.Effect === 'string' ? s.Effect : '',
    actions: asList(s.Action ?? s.NotAction).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))),
    notActions: s.NotAction !== undefined,
    resources: asList(s.Resource ?? s.NotResource),
    notResources: s.NotResource !== undefined,
    condition: isObject(s.Condition) ? s.Condition : {},
    principal: s.Principal,
  }));
}

/** `*` or `{ AWS: '*' }`: every principal. */
export function isEveryone(principal: unknown): boolean {
  return principal === '*' || (isObject(principal) && asList(principal.AWS).includes('*'));
}

/** IAM action glob match (`s3:Get*` matches `s3:GetObject`), case-insensitive like IAM. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(action);
}

/** A condition value under an operator and key, keys compared case-insensitively as IAM does. */
export function conditionValues(condition: JsonObject, operator: string, key: string): unknown[] {
  const op = Object.entries(condition).find(([k]) => k.toLowerCase() === operator.toLowerCase())?.[1];
  if (!isObject(op)) return [];
  const entry = Object.entries(op).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return entry ? asList(entry[1]) : [];
}

/** True when a `Groups` / `ManagedPolicyArns` entry points at this group or policy. */
function refersTo(value: unknown, logicalId: string, name: unknown): boolean {
  return referencedLogicalId(value) === logicalId || (typeof name === 'string' && value === name);
}

/**
 * Every policy a group's members receive that the stack defines: inline `Policies`, managed
 * policies in `ManagedPolicyArns`, and `AWS::IAM::Policy` / `AWS::IAM::ManagedPolicy` whose
 * `Groups` name the group. AWS-managed policy ARNs are listed with no statements (unknown here).
 */
export function policiesOfGroup(group: CfnResource): AttachedPolicy[] {
  const { logicalId, properties } = templateOf(group);
  const groupName = properties.GroupName;
  const inline = asList(properties.Policies)
    .filter(isObject)
    .map((p) => ({ source: `inline policy ${String(p.PolicyName)}`, statements: statementsOf(p.PolicyDocument) }));

  const managedArns = asList(properties.ManagedPolicyArns);
  const managed = resourcesInStack(group, 'AWS::IAM::ManagedPolicy')
    .map((p) => ({ node: p, tpl: templateOf(p) }))
    .filter(({ tpl }) => managedArns.some((arn) => refersTo(arn, tpl.logicalId, undefined)) || asList(tpl.properties.Groups).some((g) => refersTo(g, logicalId, groupName)))
    .map(({ tpl }) => ({ source: `managed policy ${tpl.logicalId}`, statements: statementsOf(tpl.properties.PolicyDocument) }));

  const policies = resourcesInStack(group, 'AWS::IAM::Policy')
    .map((p) => templateOf(p))
    .filter((tpl) => asList(tpl.properties.Groups).some((g) => refersTo(g, logicalId, groupName)))
    .map((tpl) => ({ source: `policy ${tpl.logicalId}`, statements: statementsOf(tpl.properties.PolicyDocument) }));

  return [...inline, ...managed, ...policies];
}
