import { readFileSync } from 'node:fs';
import { REQUIREMENTS } from '../../lib/controls/requirements';
import { CONTROLS_DOC, renderControlsDoc } from '../../policies/controls-doc';
import { CODING_RULES } from '../../policies/hipaa-coding-pack';
import { ruleIdOf } from '../../policies/rules/rule';

describe('docs/controls.md', () => {
  const rendered = renderControlsDoc();

  test('is current: run `npm run controls` after changing the control table or a rule', () => {
    expect(readFileSync(CONTROLS_DOC, 'utf8')).toBe(rendered);
  });

  test('lists every requirement with its CFR sections and every rule of our pack', () => {
    for (const r of REQUIREMENTS) expect(rendered).toContain(`| ${r.title} | ${r.cfr.join(', ')} |`);
    for (const rule of CODING_RULES) expect(rendered).toContain(`### \`${ruleIdOf(rule)}\``);
  });
});
