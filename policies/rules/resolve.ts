import { CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The one place rules turn a construct into plain template data. Rules read the resource as it
 * will be deployed (`_toCloudFormation`, so escape-hatch overrides count) with every token
 * resolved; a value that stays an intrinsic (a Ref, a GetAtt, a Join) is not a literal, and a
 * rule that needs a literal treats it as non-compliant (fail closed).
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: JsonObject;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * During one validation run the tree no longer changes: rules may then share what they resolved
 * (a rule that scans every user for every user would otherwise be quadratic in resolves).
 */
let cache: { templates: WeakMap<CfnResource, TemplateResource>; byStack: WeakMap<Stack, Map<string, CfnResource[]>> } | undefined;

export function withRuleCache<T>(run: () => T): T {
  const previous = cache;
  cache = { templates: new WeakMap(), byStack: new WeakMap() };
  try {
    return run();
  } finally {
    cache = previous;
  }
}

/** The resource's template entry, tokens resolved. */
export function templateOf(node: CfnResource): TemplateResource {
  const cached = cache?.templates.get(node);
  if (cached) return cached;
  const resolved = resolveTemplateOf(node);
  cache?.templates.set(node, resolved);
  return resolved;
}

function resolveTemplateOf(node: CfnResource): TemplateResource {
  const stack = Stack.of(node);
  // The JSON round trip drops keys left undefined, as the template file does.
  const rendered: unknown = JSON.parse(JSON.stringify(stack.resolve(node._toCloudFormation())));
  const resources = isObject(rendered) ? rendered.Resources : undefined;
  const logicalId = stack.resolve(node.logicalId) as string;
  const entry = isObject(resources) ? resources[logicalId] : undefined;
  const properties = isObject(entry) && isObject(entry.Properties) ? entry.Properties : {};
  return { logicalId, type: node.cfnResourceType, properties };
}

/** Every CfnResource of a type in the same stack as `node` (nested stacks excluded). */
export function resourcesInStack(node: IConstruct, type: string): CfnResource[] {
  const stack = Stack.of(node);
  if (cache === undefined) return byType(stack).get(type) ?? [];
  let index = cache.byStack.get(stack);
  if (index === undefined) {
    index = byType(stack);
    cache.byStack.set(stack, index);
  }
  return index.get(type) ?? [];
}

function byType(stack: Stack): Map<string, CfnResource[]> {
  const index = new Map<string, CfnResource[]>();
  for (const c of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(c) || Stack.of(c) !== stack) continue;
    const list = index.get(c.cfnResourceType);
    if (list) list.push(c);
    else index.set(c.cfnResourceType, [c]);
  }
  return index;
}

/** The logical id a `Ref` or `Fn::GetAtt` points at, if the value is one. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/**
 * A template value as one string: literals as they are, `Ref` as `<Id>`, `Fn::GetAtt` as
 * `<Id.Attr>`, `Fn::Join` joined, `Fn::Sub` with `${X}` as `<X>`. Lets rules compare ARNs
 * built from references without caring how CDK assembled them.
 */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{([^}]*)\}/g, '<$1>');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isObject(value)) {
    if (typeof value.Ref === 'string') return `<${value.Ref}>`;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.map(flatten).join('.')}>`;
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return join[1].map(flatten).join(join[0]);
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') return flatten(sub);
    if (Array.isArray(sub)) return flatten(sub[0]);
  }
  return JSON.stringify(value);
}

/** A value as a list: IAM allows a single string where a list is meant. */
export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** True for `true` and `"true"` (CloudFormation accepts both). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** A literal number (CloudFormation also accepts numeric strings), else undefined. */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The value of a `Tags: [{Key, Value}]` entry, if literal. */
export function tagValue(properties: JsonObject, key: string): string | undefined {
  for (const tag of asList(properties.Tags)) {
    if (isObject(tag) && tag.Key === key && typeof tag.Value === 'string') return tag.Value;
  }
  return undefined;
}
