/**
 * What the live integrity probe read from the account (scheduled run only): the trail's status
 * and selectors, the archive's Object Lock default, and CloudFormation's drift results for the
 * stack. Plain data, as the APIs return it, reduced to the fields the probe's rule reads.
 */

/** One basic event selector (GetEventSelectors `EventSelectors`). */
export interface BasicSelector {
  readonly readWriteType: string;
  readonly dataResources: readonly { readonly type: string; readonly values: readonly string[] }[];
}

/** One advanced event selector: field -> operators -> values. */
export interface AdvancedSelector {
  readonly fields: readonly {
    readonly field: string;
    readonly equals?: readonly string[];
    readonly startsWith?: readonly string[];
    readonly notEquals?: readonly string[];
    readonly notStartsWith?: readonly string[];
    readonly endsWith?: readonly string[];
    readonly notEndsWith?: readonly string[];
  }[];
}

export interface ResourceDrift {
  readonly logicalId: string;
  readonly type: string;
  /** IN_SYNC, MODIFIED, DELETED, NOT_CHECKED, UNKNOWN. */
  readonly status: string;
  /** Paths of the properties that differ (never their values). */
  readonly properties: readonly string[];
}

export interface IntegrityState {
  readonly trail: { readonly arn: string; readonly isLogging: boolean };
  readonly selectors: { readonly basic: readonly BasicSelector[]; readonly advanced: readonly AdvancedSelector[] };
  readonly objectLock: { readonly enabled: boolean; readonly mode?: string; readonly days?: number; readonly years?: number };
  readonly drift: { readonly stack: string; readonly stackStatus: string; readonly resources: readonly ResourceDrift[] };
}

/** What the probe compares the account with: what the stack deployed. */
export interface IntegrityTarget {
  readonly trailArn: string;
  readonly archiveBucket: string;
  readonly phiBucket: string;
  readonly stackName: string;
  /** The archive's Object Lock COMPLIANCE default, in days (2192: six years). */
  readonly retentionDays: number;
}
