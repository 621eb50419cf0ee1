/**
 * Three-valued answers. Every matcher of the evaluator answers `true`, `false`, or `Unsupported`
 * (a construct it does not evaluate, with the reason), and they combine as Kleene logic: a
 * definite answer wins where it settles the question on its own (`false` in an AND, `true` in an
 * OR), and otherwise the unknown propagates. So an operator we do not evaluate in a statement
 * whose action does not match changes nothing, while one that could decide the question makes the
 * whole answer `Unsupported`: the caller fails closed instead of guessing "not allowed".
 */

export interface Unsupported {
  readonly unsupported: string;
}

export type Outcome = boolean | Unsupported;

export const unsupported = (reason: string): Unsupported => ({ unsupported: reason });

/** OR, lazily: stops at the first `true`; otherwise the first `Unsupported`, else `false`. */
export function anyOf<T>(items: Iterable<T>, test: (item: T) => Outcome): Outcome {
  let unknown: Unsupported | undefined;
  for (const item of items) {
    const o = test(item);
    if (o === true) return true;
    if (o !== false) unknown ??= o;
  }
  return unknown ?? false;
}

/** AND, lazily: stops at the first `false`; otherwise the first `Unsupported`, else `true`. */
export function allOf<T>(items: Iterable<T>, test: (item: T) => Outcome): Outcome {
  let unknown: Unsupported | undefined;
  for (const item of items) {
    const o = test(item);
    if (o === false) return false;
    if (o !== true) unknown ??= o;
  }
  return unknown ?? true;
}

export function not(o: Outcome): Outcome {
  return typeof o === 'boolean' ? !o : o;
}

/**
 * What a value holding a policy variable with no value in the request (and no default) yields:
 * it matches in neither sense. IAM documents that such an element does not match; for a negated
 * operator or `NotResource` that means the condition or element fails too, not that it holds (as
 * iam-simulate, our differential oracle, also answers). So it is not `false`, which negation flips.
 */
export const NO_VALUE: { readonly noValue: true } = Object.freeze({ noValue: true });

export type Match = Outcome | typeof NO_VALUE;

const hasNoValue = (m: Match): m is typeof NO_VALUE => m === NO_VALUE;

/** A match read positively (`Resource`, `StringLike`): no value is no match. */
export function positively(m: Match): Outcome {
  return hasNoValue(m) ? false : m;
}

/** A match read negatively (`NotResource`, `StringNotLike`): no value fails as well. */
export function negatively(m: Match): Outcome {
  return hasNoValue(m) ? false : not(m);
}
