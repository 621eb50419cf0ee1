/** One IAM user's row of the credential report, as the rules read it. Dates are ISO strings. */
export interface AccessKeyState {
  readonly slot: 1 | 2;
  readonly active: boolean;
  /** When the key was created or last rotated. */
  readonly lastRotated?: string;
  /**
   * When the key was last used: a date, `never` (the report says N/A for an active key), or
   * `unknown` (the older 16-column report has no such column).
   */
  readonly lastUsed: string | 'never' | 'unknown';
}

export interface CredentialUser {
  readonly user: string;
  readonly arn: string;
  readonly createdAt: string;
  readonly passwordEnabled: boolean;
  /** A date, or `never` (`no_information` / `N/A`: not used since AWS began tracking). */
  readonly passwordLastUsed: string | 'never';
  readonly mfaActive: boolean;
  readonly keys: readonly AccessKeyState[];
}

export interface CredentialReport {
  /** IAM users only: the root account is not an IAM user. */
  readonly users: readonly CredentialUser[];
  /** True when the report has the access-key last-used columns (22-column format). */
  readonly hasKeyLastUsed: boolean;
}
