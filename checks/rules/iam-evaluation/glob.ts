/**
 * IAM's wildcard matching: `*` is any run of characters (none included, across `/` and `:`),
 * `?` is exactly one. A pattern is a list of units so that a literal `*` (from `${*}`, or from a
 * policy variable's value) stays distinct from the wildcard. Matched with the classic greedy
 * algorithm that remembers the last `*`: linear space, no regular expressions built from policy
 * text (nothing to escape, no catastrophic backtracking).
 */

export type GlobUnit = { readonly char: string } | '*' | '?';

export type Glob = readonly GlobUnit[];

/** A pattern of literal characters only (every `*` and `?` literal). */
export function literal(text: string): Glob {
  return [...text].map((char) => ({ char }));
}

/** A pattern where `*` and `?` are wildcards and everything else literal (actions, no variables). */
export function wildcards(text: string): Glob {
  return [...text].map((c) => (c === '*' || c === '?' ? c : { char: c }));
}

export function globMatches(pattern: Glob, value: string, options: { readonly ignoreCase?: boolean } = {}): boolean {
  const fold = options.ignoreCase === true ? (s: string) => s.toLowerCase() : (s: string) => s;
  const chars = [...value].map(fold);
  const units = pattern.map((u) => (typeof u === 'string' ? u : { char: fold(u.char) }));
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < chars.length) {
    const u = units[p];
    if (u !== undefined && u !== '*' && (u === '?' || u.char === chars[v])) {
      p++;
      v++;
    } else if (u === '*') {
      star = p++;
      resume = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (units[p] === '*') p++;
  return p === units.length;
}

