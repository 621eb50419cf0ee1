import { BlockList, isIP } from 'node:net';
import { LEADING_PARTS, splitArn } from './arn';
import { allOf, type Match, NO_VALUE, positively, unsupported } from './outcome';
import { hasPolicyVariable, resolvedMatches, resolvePolicyString } from './policy-variables';
import type { RequestContext } from './request-context';

/**
 * IAM's condition operators, without the `ForAnyValue:`/`ForAllValues:` set prefixes and the
 * `IfExists` suffix (condition.ts applies those). Each says whether one request value matches
 * one policy value in the positive sense; a negated operator (`StringNotEquals`, `NotIpAddress`,
 * `ArnNotLike`, ...) is its positive twin with `negated` set, and matches when the request value
 * matches none of the policy's values. A value an operator cannot read (a number that is not
 * one, a date in no format IAM takes, a CIDR that is not one, a policy variable where IAM allows
 * none) is `Unsupported`, not a silent mismatch.
 */
export interface ConditionOperator {
  readonly name: string;
  readonly negated: boolean;
  /** `NO_VALUE` when the policy value holds a variable with no value in the request. */
  matches(requestValue: string, policyValue: string, context: RequestContext): Match;
}

type Test = (requestValue: string, policyValue: string, context: RequestContext) => Match;

function strings(mode: 'exact' | 'ignore-case' | 'like'): Test {
  return (value, policy, context) => resolvedMatches(resolvePolicyString(policy, context, { wildcards: mode === 'like' }), value, { ignoreCase: mode === 'ignore-case' });
}

/** Operators whose values IAM takes literally: a `${...}` there is not a variable we may resolve. */
function noVariables(kind: string, parse: (raw: string) => number | undefined, compare: (a: number, b: number) => boolean): Test {
  return (value, policy) => {
    if (hasPolicyVariable(policy)) return unsupported(`a policy variable in a ${kind} condition value`);
    const a = parse(value);
    const b = parse(policy);
    if (b === undefined) return unsupported(`${kind} condition value "${policy}"`);
    if (a === undefined) return unsupported(`a request value that is not a ${kind}`);
    return compare(a, b);
  };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const parseNumber = (raw: string): number | undefined => (NUMBER.test(raw) ? Number(raw) : undefined);

/** ISO 8601 (a date, or a date and time with an optional zone) or POSIX seconds, as IAM takes dates. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([Tt]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;
function parseDate(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  if (!ISO_DATE.test(raw)) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

const bool: Test = (value, policy) => {
  if (hasPolicyVariable(policy)) return unsupported('a policy variable in a Bool condition value');
  const b = policy.toLowerCase();
  if (b !== 'true' && b !== 'false') return unsupported(`Bool condition value "${policy}"`);
  const a = value.toLowerCase();
  if (a !== 'true' && a !== 'false') return unsupported('a request value that is not a boolean');
  return a === b;
};

const binary: Test = (value, policy) => (hasPolicyVariable(policy) ? unsupported('a policy variable in a BinaryEquals condition value') : value === policy);

/** An address in a CIDR block (or equal to a single address), IPv4 or IPv6. */
const ipAddress: Test = (value, policy) => {
  if (hasPolicyVariable(policy)) return unsupported('a policy variable in an IpAddress condition value');
  // split always yields a first element; bits is undefined when there is no '/'. A second '/'
  // (`198.51.100.0/24/7`) is no CIDR block: not read as its first two parts.
  const [address, bits, ...rest] = policy.split('/') as [string, string?, ...string[]];
  const family = isIP(address);
  const prefix = rest.length > 0 ? -1 : bits === undefined ? (family === 6 ? 128 : 32) : /^\d+$/.test(bits) ? Number(bits) : -1;
  if (family === 0 || prefix < 0 || prefix > (family === 6 ? 128 : 32)) return unsupported(`IP condition value "${policy}"`);
  const requested = isIP(value);
  if (requested === 0) return unsupported('a request value that is not an IP address');
  // Stryker disable next-line ConditionalExpression: BlockList.check of an address of the other family is false too (Node 20); the line says so outright.
  if (requested !== family) return false;
  const block = new BlockList();
  block.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  return block.check(value, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * `ArnLike` and `ArnEquals` (IAM gives them one meaning): each of the six parts is matched on
 * its own, with `*`/`?` wildcards and policy variables, case-sensitively.
 */
const arn: Test = (value, policy, context) => {
  const p = splitArn(policy);
  if (!p) return unsupported(`ARN condition value "${policy}" (not a full ARN)`);
  const v = splitArn(value);
  if (!v) return unsupported('a request value that is not an ARN');
  const parts = ([...LEADING_PARTS, 'resource'] as const).map((part) => resolvedMatches(resolvePolicyString(p[part], context, { wildcards: true }), v[part]));
  // A part with no value makes the whole ARN match in neither sense.
  return parts.includes(NO_VALUE) ? NO_VALUE : allOf(parts, positively);
};

const OPERATORS: readonly (readonly [string, Test, string?])[] = [
  ['StringEquals', strings('exact'), 'StringNotEquals'],
  ['StringEqualsIgnoreCase', strings('ignore-case'), 'StringNotEqualsIgnoreCase'],
  ['StringLike', strings('like'), 'StringNotLike'],
  ['NumericEquals', noVariables('number', parseNumber, (a, b) => a === b), 'NumericNotEquals'],
  ['NumericLessThan', noVariables('number', parseNumber, (a, b) => a < b)],
  ['NumericLessThanEquals', noVariables('number', parseNumber, (a, b) => a <= b)],
  ['NumericGreaterThan', noVariables('number', parseNumber, (a, b) => a > b)],
  ['NumericGreaterThanEquals', noVariables('number', parseNumber, (a, b) => a >= b)],
  ['DateEquals', noVariables('date', parseDate, (a, b) => a === b), 'DateNotEquals'],
  ['DateLessThan', noVariables('date', parseDate, (a, b) => a < b)],
  ['DateLessThanEquals', noVariables('date', parseDate, (a, b) => a <= b)],
  ['DateGreaterThan', noVariables('date', parseDate, (a, b) => a > b)],
  ['DateGreaterThanEquals', noVariables('date', parseDate, (a, b) => a >= b)],
  ['Bool', bool],
  ['BinaryEquals', binary],
  ['IpAddress', ipAddress, 'NotIpAddress'],
  ['ArnEquals', arn, 'ArnNotEquals'],
  ['ArnLike', arn, 'ArnNotLike'],
];

/** Base operators by lower-cased name (IAM operator names are matched case-insensitively). */
export const CONDITION_OPERATORS: ReadonlyMap<string, ConditionOperator> = new Map(
  OPERATORS.flatMap(([name, matches, negatedName]): [string, ConditionOperator][] => [
    [name.toLowerCase(), { name, negated: false, matches }],
    ...(negatedName === undefined ? [] : [[negatedName.toLowerCase(), { name: negatedName, negated: true, matches }] satisfies [string, ConditionOperator]]),
  ]),
);
