import { CHECKLIST_ITEMS } from '../lib/controls/catalog';
import { requirementsGatedBy } from '../lib/controls/requirements';

/**
 * What a rule protects, read from the control table (lib/controls): the requirements that list
 * the rule, their CFR sections and the quarterly checklist items they feed.
 */
export interface Citation {
  readonly requirements: string[];
  readonly cfr: string[];
  readonly checklistItems: { readonly item: number; readonly title: string }[];
}

export function citationOf(ruleId: string): Citation {
  const requirements = requirementsGatedBy(ruleId);
  const items = [...new Set(requirements.flatMap((r) => (r.checklistItem === null ? [] : [r.checklistItem])))].sort((a, b) => a - b);
  return {
    requirements: requirements.map((r) => r.title),
    cfr: [...new Set(requirements.flatMap((r) => r.cfr))],
    checklistItems: items.map((item) => ({ item, title: CHECKLIST_ITEMS.find((i) => i.item === item)?.title ?? 'unknown item' })),
  };
}

/** Short form for a one-line message: `45 CFR 164.312(b); checklist item 4`. */
export function shortCitation(c: Citation): string {
  const items = c.checklistItems.length > 0 ? `; checklist item ${c.checklistItems.map((i) => i.item).join(', ')}` : '';
  return `45 CFR ${c.cfr.join(', ')}${items}`;
}

/** Long form for an explanation. */
export function longCitation(c: Citation): string {
  const items = c.checklistItems.map((i) => `item ${i.item} "${i.title}"`).join(', ');
  return `Protects: ${c.requirements.join('; ')} (45 CFR ${c.cfr.join(', ')}).` + (items ? ` Feeds the quarterly checklist, ${items}.` : '');
}
