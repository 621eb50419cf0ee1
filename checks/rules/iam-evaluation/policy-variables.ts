import { type Glob, type GlobUnit, globMatches, literal } from './glob';
import { type Match, NO_VALUE, type Unsupported, unsupported } from './outcome';
import type { RequestContext } from './request-context';

/**
 * Policy variables in a `Resource`, `NotResource` or string/ARN condition value:
 * `${aws:username}` is replaced by the request's value of that key, `${key, 'default'}` falls
 * back to the default when the key is absent, and `${*}`, `${?}`, `${$}` are a literal `*`, `?`,
 * `$`. A replaced value is literal text (a `*` in a user name is not a wildcard).
 *
 * As IAM documents, a variable whose key is absent and has no default makes the value match
 * nothing (`NO_VALUE`, see outcome.ts). A key whose value the audit cannot know, or one with
 * several values, is `Unsupported`: the value could be anything, so no answer is given.
 */
export type Resolved = Glob | typeof NO_VALUE | Unsupported;

export function isGlob(r: Resolved): r is Glob {
  return Array.isArray(r);
}

export function resolvePolicyString(value: string, context: RequestContext, options: { readonly wildcards: boolean }): Resolved {
  const units: GlobUnit[] = [];
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    const close = c === '$' && value[i + 1] === '{' ? value.indexOf('}', i + 2) : -1;
    if (close >= 0) {
      const resolved = variable(value.slice(i + 2, close), context);
      if (typeof resolved !== 'string') return resolved;
      units.push(...literal(resolved));
      i = close + 1;
    } else {
      units.push(options.wildcards && (c === '*' || c === '?') ? c : { char: c });
      i++;
    }
  }
  return units;
}

const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

function variable(inside: string, context: RequestContext): string | typeof NO_VALUE | Unsupported {
  const escaped = ESCAPES[inside];
  if (escaped !== undefined) return escaped;
  const comma = inside.indexOf(',');
  const key = (comma < 0 ? inside : inside.slice(0, comma)).trim();
  const rawDefault = comma < 0 ? undefined : inside.slice(comma + 1).trim();
  if (rawDefault !== undefined && !/^'[^']*'$/.test(rawDefault)) return unsupported(`policy variable \${${inside}} (a default value must be quoted with ')`);
  if (key.length === 0) return unsupported('an empty policy variable ${}');
  if (context.unknowable(key)) return unsupported(`policy variable \${${key}}, whose value the audit does not know`);
  const v = context.get(key);
  if (typeof v === 'string') return v;
  if (v !== undefined) return unsupported(`policy variable \${${key}} of a multivalued key`);
  return rawDefault === undefined ? NO_VALUE : rawDefault.slice(1, -1);
}

/** Whether a string holds a policy variable (other than the `${*}`, `${?}`, `${$}` escapes). */
export function hasPolicyVariable(value: string): boolean {
  return /\$\{(?![*?$]\})[^}]*\}/.test(value);
}

/** A resolved pattern against a value: the glob's answer, or the resolution's own. */
export function resolvedMatches(r: Resolved, value: string, options: { readonly ignoreCase?: boolean } = {}): Match {
  return isGlob(r) ? globMatches(r, value, options) : r;
}
