/**
 * The request context an IAM decision reads: condition keys and their values. Keys are
 * case-insensitive in IAM (`aws:SourceIp` and `aws:sourceip` are one key), values are not, so
 * keys are stored lower-cased. A value is one string or, for multivalued keys such as
 * `aws:TagKeys`, a list.
 */

export type ContextValue = string | readonly string[];

export interface RequestContext {
  get(key: string): ContextValue | undefined;
  /**
   * Whether the audit cannot know this key's value or absence: a policy variable or condition
   * on such a key cannot be decided. An exact request (a real call, or the differential tests)
   * knows every key: absent means absent.
   */
  unknowable(key: string): boolean;
}

export interface ContextOptions {
  /** Keys, besides those given, whose value (or absence) is known. @default every key */
  readonly knownKeys?: ReadonlySet<string>;
}

export function requestContext(values: Readonly<Record<string, ContextValue>>, options: ContextOptions = {}): RequestContext {
  const byKey = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  const known = options.knownKeys === undefined ? undefined : new Set([...options.knownKeys].map((k) => k.toLowerCase()));
  return {
    get: (key) => byKey.get(key.toLowerCase()),
    unknowable: (key) => known !== undefined && !byKey.has(key.toLowerCase()) && !known.has(key.toLowerCase()),
  };
}
