import type { EvidenceName } from '../../checks/rules/context';
import { ALL_CHECKS } from '../../checks/rules/all-checks';
import { CHECKLIST_ITEMS, type CheckName } from '../../lib/controls/catalog';

/**
 * What a damaged kind of evidence must turn to `error`, derived from what the checks declare
 * (CheckDefinition.needs) and the checklist (dependsOn), so a new check or item is covered by
 * every fault matrix without editing it.
 */

/** The checks that read `kind`. */
export const needing = (kind: EvidenceName): CheckName[] => ALL_CHECKS.filter((c) => c.needs.includes(kind)).map((c) => c.check);

/** The checklist items resting on any of `checks`, plus the items that read the evidence directly (`direct`). */
export const itemsOf = (checks: readonly string[], direct: readonly number[]): number[] =>
  CHECKLIST_ITEMS.filter((i) => direct.includes(i.item) || i.dependsOn.some((c) => checks.includes(c))).map((i) => i.item);
