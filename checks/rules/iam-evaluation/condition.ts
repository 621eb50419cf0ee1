import { CONDITION_OPERATORS, type ConditionOperator } from './condition-operators';
import { allOf, anyOf, negatively, type Outcome, positively, unsupported } from './outcome';
import type { RequestContext } from './request-context';

/** A statement's `Condition`: operator -> condition key -> value or values. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/**
 * Whether a request meets a `Condition` block, as IAM evaluates it: every operator and every key
 * under it must hold (AND); a key's several values are alternatives (OR), and for a negated
 * operator the request value must match none of them. A key absent from the request fails a
 * condition, except under a negated operator, `...IfExists`, `ForAllValues:` (all of no values)
 * and `Null`, which tests presence itself; `ForAnyValue:` of an absent key is false, `IfExists` or
 * not. `ForAnyValue:`/`ForAllValues:` compare each of a multivalued key's values (a single value
 * is a set of one). An operator we do not know, or a single-valued operator on a key with
 * several values (IAM leaves it undefined), is `Unsupported`.
 */
export function conditionsMatch(block: ConditionBlock | undefined, context: RequestContext): Outcome {
  return allOf(Object.entries(block ?? {}), ([operator, byKey]) => {
    const parsed = parseOperator(operator);
    if ('unsupported' in parsed) return parsed;
    return allOf(Object.entries(byKey), ([key, raw]) => {
      const values: readonly string[] = typeof raw === 'string' ? [raw] : raw;
      if (values.length === 0) return unsupported(`condition ${operator} on ${key} with no value`);
      if (context.unknowable(key)) return unsupported(`condition key ${key}, whose value the audit does not know`);
      return keyMatches(parsed, values, context.get(key), context);
    });
  });
}

interface ParsedOperator {
  readonly name: string;
  readonly set?: 'ForAnyValue' | 'ForAllValues';
  readonly ifExists: boolean;
  /** Undefined for `Null`. */
  readonly base?: ConditionOperator;
}

function parseOperator(operator: string): ParsedOperator | { unsupported: string } {
  const prefixed = /^(ForAnyValue|ForAllValues):(.+)$/i.exec(operator);
  const set = prefixed ? (prefixed[1].toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues') : undefined;
  const rest = prefixed?.[2] ?? operator;
  // Stryker disable next-line BooleanLiteral: Null has no IfExists form, and keyMatches reads ifExists only of operators with a base.
  if (rest.toLowerCase() === 'null') return set === undefined ? { name: operator, ifExists: false } : unsupported(`condition operator ${operator}`);
  const ifExists = /IfExists$/i.test(rest);
  const base = CONDITION_OPERATORS.get((ifExists ? rest.slice(0, -'IfExists'.length) : rest).toLowerCase());
  if (!base) return unsupported(`condition operator ${operator}, which the evaluator does not evaluate`);
  return { name: operator, ...(set === undefined ? {} : { set }), ifExists, base };
}

function keyMatches(op: ParsedOperator, values: readonly string[], present: string | readonly string[] | undefined, context: RequestContext): Outcome {
  if (!op.base) return isNull(values, present === undefined, op.name);
  const base = op.base;
  // One request value against the policy's values: any of them, or (negated) none of them.
  const one = (value: string): Outcome =>
    base.negated ? allOf(values, (p) => negatively(base.matches(value, p, context))) : anyOf(values, (p) => positively(base.matches(value, p, context)));
  if (op.set === undefined) {
    if (present === undefined) return op.ifExists || base.negated;
    if (typeof present !== 'string') return unsupported(`single-valued condition ${op.name} on a key with several values`);
    return one(present);
  }
  const all = typeof present === 'string' ? [present] : present;
  // ForAnyValue of no values is false even with IfExists (as AWS answers it); ForAllValues is true.
  // (No values at all: anyOf is false and allOf true, as for an absent key.)
  if (all === undefined) return op.set === 'ForAllValues';
  return op.set === 'ForAnyValue' ? anyOf(all, one) : allOf(all, one);
}

function isNull(values: readonly string[], absent: boolean, name: string): Outcome {
  return anyOf(values, (v) => {
    const b = v.toLowerCase();
    if (b !== 'true' && b !== 'false') return unsupported(`${name} condition value "${v}"`);
    return (b === 'true') === absent;
  });
}
