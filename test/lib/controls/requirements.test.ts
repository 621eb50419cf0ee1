import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKLIST_ITEMS, CHECKS } from '../../../lib/controls/catalog';
import { REQUIREMENTS } from '../../../lib/controls/requirements';
import { HipaaCodingChecks } from '../../../policies/hipaa-coding-pack';

const packSource = (file: string) => readFileSync(join(require.resolve('cdk-nag'), '..', 'packs', file), 'utf8');

/** True when the installed cdk-nag pack defines the rule id (suffix override or rule function name). */
function publicRuleExists(id: string): boolean {
  const aws = /^AwsSolutions-([A-Z0-9]+)$/.exec(id);
  if (aws) return packSource('aws-solutions.js').includes(`ruleSuffixOverride: '${aws[1]}'`);
  const hipaa = /^HIPAA\.Security-([A-Za-z0-9]+)$/.exec(id);
  if (hipaa) return new RegExp(`rule: [a-z0-9_]+\\.${hipaa[1]},`).test(packSource('hipaa-security.js'));
  return false;
}

describe('REQUIREMENTS: the requirements of a coding department', () => {
  const ours = new Set(new HipaaCodingChecks().ruleIds);

  test('ids are unique', () => {
    const ids = REQUIREMENTS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each(REQUIREMENTS.map((r) => [r.id, r] as const))('%s: every rule id exists, in our pack or the installed public packs', (_id, requirement) => {
    for (const rule of requirement.rules) {
      expect({ rule, exists: rule.startsWith('HIPAA.Coding-') ? ours.has(rule) : publicRuleExists(rule) }).toEqual({ rule, exists: true });
    }
  });

  test.each(REQUIREMENTS.map((r) => [r.id, r] as const))('%s: its check and checklist item exist in catalog.ts, and it cites the CFR', (_id, requirement) => {
    if (requirement.check !== null) expect(CHECKS.map((c) => c.check)).toContain(requirement.check);
    if (requirement.checklistItem !== null) expect(CHECKLIST_ITEMS.map((i) => i.item)).toContain(requirement.checklistItem);
    expect(requirement.cfr.length).toBeGreaterThan(0);
    requirement.cfr.forEach((c) => expect(c).toMatch(/^1\d\d\.\d+/));
    expect(requirement.enforcedBy.length).toBeGreaterThan(0);
  });

  test('every rule of our pack gates some requirement', () => {
    const gated = new Set(REQUIREMENTS.flatMap((r) => r.rules));
    expect([...ours].filter((id) => !gated.has(id))).toEqual([]);
  });

  test('the department’s requirements are all there', () => {
    expect(REQUIREMENTS.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'minimum-necessary', 'unique-user-ids', 'automatic-logoff', 'audit-controls', 'six-year-retention', 'vpn-only-remote-access',
        'encryption-at-rest', 'encryption-in-transit', 'business-associate-agreements', 'security-training', 'access-reviews',
        'log-reviews', 'risk-analysis', 'breach-response',
      ]),
    );
  });

  test('the public-pack check itself refuses an id that does not exist', () => {
    expect(publicRuleExists('AwsSolutions-IAM99')).toBe(false);
    expect(publicRuleExists('HIPAA.Security-NoSuchRule')).toBe(false);
  });
});
