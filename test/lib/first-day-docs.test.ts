import { readFileSync } from 'node:fs';
import type { Template } from 'aws-cdk-lib/assertions';
import { synth } from './synth';

/** The README section under `### <title>`, up to the next heading. */
function section(title: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(`### ${title}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = readme.slice(start + title.length + 5);
  const end = rest.search(/^#{1,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Numbered steps (`1. **...**` up to the next one). */
function steps(text: string): string[] {
  return text.split(/^\d+\. /m).slice(1);
}

/** Outputs a step names: "stack output `X`", `FirstPassword<id>` standing for every person's. */
function outputsNamed(step: string): string[] {
  return [...step.matchAll(/stack output\s+`([A-Za-z0-9<>]+)`/g)].map((m) => m[1]);
}

describe("README: a coder's first day and a leaver's last day point at outputs that exist", () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  const exists = (name: string) => {
    const outputs = Object.keys(template.toJSON().Outputs as Record<string, unknown>);
    return name === 'FirstPassword<id>' ? outputs.includes('FirstPasswordjdoe') : outputs.includes(name);
  };

  test.each(["A coder's first day", "A leaver's last day"])('%s: every step names a stack output, and each exists', (title) => {
    const all = steps(section(title));
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const step of all) {
      const named = outputsNamed(step);
      expect({ step: step.slice(0, 40), named: named.length > 0 }).toEqual({ step: step.slice(0, 40), named: true });
      for (const name of named) expect({ name, exists: exists(name) }).toEqual({ name, exists: true });
    }
  });

  test('the first day covers VPN profile, first password, MFA, sign-in, workstation and what is logged', () => {
    const text = section("A coder's first day");
    for (const topic of ['VPN profile', 'First password', 'Sign in', 'MFA', 'Workstation', 'What is logged']) expect(text).toContain(`**${topic}`);
  });

  test('the README no longer says reaching the console needs SAML', () => {
    expect(readFileSync('README.md', 'utf8')).not.toMatch(/console needs SAML/);
  });
});
