import { CHECKLIST_ITEMS } from '../../lib/controls/catalog';
import { requirementsGatedBy } from '../../lib/controls/requirements';
import { type Citation, citationOf, longCitation, shortCitation } from '../../policies/citations';

const two: Citation = {
  requirements: ['Audit controls', 'Integrity'],
  cfr: ['164.312(b)', '164.312(c)(1)'],
  checklistItems: [{ item: 4, title: 'Weekly log review' }, { item: 6, title: 'Devices' }],
};

describe('citations: what a rule protects, from the control table', () => {
  test('a rule two requirements list: both requirements, their CFR once each, their items sorted and once each', () => {
    const rule = 'HIPAA.Security-CloudTrailEncryptionEnabled';
    const requirements = requirementsGatedBy(rule);
    expect(requirements.length).toBe(2);
    const c = citationOf(rule);
    expect(c.requirements).toEqual(requirements.map((r) => r.title));
    expect(new Set(c.cfr)).toEqual(new Set(requirements.flatMap((r) => r.cfr)));
    expect(c.cfr.length).toBe(new Set(c.cfr).size);
    const items = c.checklistItems.map((i) => i.item);
    expect(items).toEqual([...new Set(items)].sort((a, b) => a - b));
    for (const i of c.checklistItems) expect(i.title).toBe(CHECKLIST_ITEMS.find((x) => x.item === i.item)?.title);
  });

  test('a rule no requirement lists cites nothing', () => {
    expect(citationOf('Nobody-Rule')).toEqual({ requirements: [], cfr: [], checklistItems: [] });
  });

  test('the short form: CFR sections, then the checklist items', () => {
    expect(shortCitation(two)).toBe('45 CFR 164.312(b), 164.312(c)(1); checklist item 4, 6');
    expect(shortCitation({ ...two, checklistItems: [] })).toBe('45 CFR 164.312(b), 164.312(c)(1)');
  });

  test('the long form: the requirements and CFR, then the items it feeds by number and title', () => {
    expect(longCitation(two)).toBe('Protects: Audit controls; Integrity (45 CFR 164.312(b), 164.312(c)(1)). Feeds the quarterly checklist, item 4 "Weekly log review", item 6 "Devices".');
    expect(longCitation({ ...two, checklistItems: [] })).toBe('Protects: Audit controls; Integrity (45 CFR 164.312(b), 164.312(c)(1)).');
  });
});
