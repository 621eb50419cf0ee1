import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { largeRoster } from '../../bench/large-roster';
import { buildCodingEnv } from '../../lib/build-app';
import { parseConfig } from '../../lib/config/load';
import { acknowledgementsFor } from '../../policies/acknowledgements';
import { applyGates } from '../../policies/gates';
import { COLLECT_FINDINGS_CONTEXT, runGates } from '../../policies/run-gates';
import type { GateResult } from '../../policies/findings';
import { AS_OF, cdkContext, SKIP_BUNDLING } from './synth';

/** CloudFormation's per-stack quotas (a template uploaded through S3, as CDK deploys). */
const LIMITS = { resources: 500, outputs: 200, parameters: 200, bytes: 1_000_000 };

describe('a roster of 5,000 active people', () => {
  const dir = mkdtempSync(join(tmpdir(), 'roster-scale-'));
  let templates: { file: string; resources: number; outputs: number; parameters: number; bytes: number }[];
  let gates: GateResult;
  let users: string[];

  beforeAll(() => {
    const config = parseConfig(largeRoster(5000), 'large roster');
    const app = new App({ outdir: dir, context: { ...cdkContext(), ...COLLECT_FINDINGS_CONTEXT, [SKIP_BUNDLING]: [] } });
    buildCodingEnv(app, config, { asOf: AS_OF });
    applyGates(app, acknowledgementsFor(config, AS_OF));
    gates = runGates(app);
    const assembly = app.synth();
    // Every template of the assembly, the nested stacks' included (CDK writes them beside it).
    const files = [...new Set([...assembly.stacks.map((s) => s.templateFullPath), ...nestedTemplates(assembly.directory)])];
    templates = files.map((file) => {
      const t = JSON.parse(readFileSync(file, 'utf8')) as { Resources?: object; Outputs?: object; Parameters?: object };
      return {
        file,
        resources: Object.keys(t.Resources ?? {}).length,
        outputs: Object.keys(t.Outputs ?? {}).length,
        parameters: Object.keys(t.Parameters ?? {}).length,
        bytes: statSync(file).size,
      };
    });
    users = files.flatMap((file) =>
      Object.values((JSON.parse(readFileSync(file, 'utf8')) as { Resources?: Record<string, { Type: string; Properties?: { UserName?: string } }> }).Resources ?? {})
        .filter((r) => r.Type === 'AWS::IAM::User')
        .map((r) => String(r.Properties?.UserName)),
    );
  }, 900_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every stack, nested ones included, is within CloudFormation’s limits', () => {
    expect(templates.length).toBeGreaterThan(10);
    for (const t of templates) {
      expect({ file: t.file, resources: t.resources <= LIMITS.resources, outputs: t.outputs <= LIMITS.outputs, parameters: t.parameters <= LIMITS.parameters, bytes: t.bytes <= LIMITS.bytes }).toEqual({
        file: t.file,
        resources: true,
        outputs: true,
        parameters: true,
        bytes: true,
      });
    }
  });

  test('every active person has exactly one IAM user', () => {
    expect(users).toHaveLength(5000);
    expect(new Set(users).size).toBe(5000);
  });

  test('synthesizes clean under the gates, nested stacks included', () => {
    expect(gates.pluginFailures).toEqual([]);
    expect(gates.findings.filter((f) => !f.acknowledged && f.level === 'error').map((f) => `${f.ruleId} @ ${f.constructPath}`)).toEqual([]);
    // The gates did look inside the roster's nested stacks.
    expect(gates.findings.some((f) => f.acknowledged && /\/Identities\/Roster\d+\/FirstPasswords\//.test(f.constructPath))).toBe(true);
  });
});

function nestedTemplates(dir: string): string[] {
  return require('node:fs')
    .readdirSync(dir)
    .filter((f: string) => f.endsWith('.nested.template.json'))
    .map((f: string) => join(dir, f));
}
