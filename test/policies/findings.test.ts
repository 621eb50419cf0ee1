import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingsFromReport, gateFails, validationReportSchema } from '../../policies/findings';

const report = validationReportSchema.parse(JSON.parse(readFileSync(join(__dirname, '../fixtures/policies/validation-report.json'), 'utf8')));
const context = {
  locate: (path: string) => (path === 'CodingEnv/Archive/Resource' ? { templatePath: 'cdk.out/CodingEnv.template.json', logicalId: 'ArchiveDA4CB258', line: 256 } : undefined),
  problems: () => [],
};

describe('findingsFromReport (cdk.out/validation-report.json)', () => {
  const result = findingsFromReport(report, context);

  test('one finding per rule and construct, with the pack and level', () => {
    expect(result.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pack: 'AwsSolutions', ruleId: 'AwsSolutions-IAM5[Action::s3:GetObject*]', level: 'error', constructPath: 'CodingEnv/Coders-cardiology/DefaultPolicy/Resource' }),
        expect.objectContaining({ pack: 'HIPAA.Security', level: 'error' }),
      ]),
    );
  });

  test('acknowledged findings are kept with their reason and where they were acknowledged', () => {
    expect(result.findings.filter((f) => f.acknowledged)).toEqual([
      expect.objectContaining({ pack: 'CloudFormation Validate', ruleId: 'W3045', level: 'warning', acknowledged: { reason: expect.stringContaining('historical reasons'), at: 'CodingEnv/AccessLogs' } }),
    ]);
  });

  test('the template location comes from the caller when the report has none', () => {
    expect(result.findings.find((f) => f.constructPath === 'CodingEnv/Archive/Resource')?.location).toEqual({ templatePath: 'cdk.out/CodingEnv.template.json', logicalId: 'ArchiveDA4CB258', line: 256 });
  });

  test('a pack that crashed is a failure of the gate, not a pass', () => {
    expect(result.pluginFailures).toEqual([{ pack: 'AwsSolutions', error: "Validation plugin 'AwsSolutions' failed: boom" }]);
    expect(gateFails({ findings: [], pluginFailures: result.pluginFailures })).toBe(true);
  });

  test('only unacknowledged errors fail the gate', () => {
    const acked = result.findings.filter((f) => f.acknowledged);
    const warnings = result.findings.filter((f) => f.level === 'warning');
    expect(gateFails({ findings: [...acked, ...warnings], pluginFailures: [] })).toBe(false);
    expect(gateFails({ findings: result.findings, pluginFailures: [] })).toBe(true);
  });
});

describe('findingsFromReport: each field from the report', () => {
  const violation = (over: Record<string, unknown> = {}) => ({
    ruleName: 'HIPAA.Coding-TrailIntegrity',
    description: 'The trail is incomplete.',
    severity: 'error',
    violatingConstructs: [{ constructPath: 'Env/Trail/Resource' }],
    ...over,
  });
  const plugin = (over: Record<string, unknown>) => validationReportSchema.parse({ version: '1', pluginReports: [{ pluginName: 'HIPAA.Coding', conclusion: 'failure', violations: [], ...over }] });
  const calls: string[] = [];
  const ctx = {
    locate: (path: string) => (path === 'Env/Trail/Resource' ? { templatePath: 'cdk.out/Env.template.json', logicalId: 'Trail1', line: 9 } : undefined),
    problems: (ruleId: string, path: string) => [`${ruleId} at ${path}`],
    source: (path: string, traces: readonly string[]) => {
      calls.push(`${path}:${traces.length}`);
      return path === 'Env/Trail/Resource' ? { file: 'lib/trail.ts', line: 3, column: 5 } : undefined;
    },
  };

  test('severity decides the level, case-insensitively: error and fatal block, warning warns, the rest are notes', () => {
    const levels = ['error', 'FATAL', 'Warning', 'info', 'ERROR'].map((severity) => findingsFromReport(plugin({ violations: [violation({ severity })] }), ctx).findings[0].level);
    expect(levels).toEqual(['error', 'error', 'warning', 'note', 'error']);
  });

  test('message, problems, location and source of one finding', () => {
    const { findings } = findingsFromReport(plugin({ violations: [violation({ suggestedFix: 'Log data events.' })] }), ctx);
    expect(findings).toEqual([
      {
        pack: 'HIPAA.Coding',
        ruleId: 'HIPAA.Coding-TrailIntegrity',
        level: 'error',
        message: 'The trail is incomplete. Log data events.',
        constructPath: 'Env/Trail/Resource',
        location: { templatePath: 'cdk.out/Env.template.json', logicalId: 'Trail1', line: 9 },
        source: { file: 'lib/trail.ts', line: 3, column: 5 },
        problems: ['HIPAA.Coding-TrailIntegrity at Env/Trail/Resource'],
      },
    ]);
  });

  test('the report’s own resource wins over the caller’s; unknown ones have no location or source; one finding per construct', () => {
    calls.length = 0;
    const { findings } = findingsFromReport(
      plugin({
        violations: [
          violation({
            violatingConstructs: [
              { constructPath: 'Env/Trail/Resource', cloudFormationResource: { templatePath: 'Env.template.json', logicalId: 'Own' }, stackTraces: ['a', 'b'] },
              { constructPath: 'Env/Other' },
            ],
          }),
        ],
      }),
      ctx,
    );
    expect(findings.map((f) => f.location)).toEqual([{ templatePath: 'Env.template.json', logicalId: 'Own' }, undefined]);
    expect(findings[1]).not.toHaveProperty('location');
    expect(findings[1]).not.toHaveProperty('source');
    expect(findings[1]).not.toHaveProperty('acknowledged');
    expect(findings.map((f) => f.message)).toEqual(['The trail is incomplete.', 'The trail is incomplete.']);
    expect(calls).toEqual(['Env/Trail/Resource:2', 'Env/Other:0']);
  });

  test('without a source locator, findings carry none', () => {
    const { findings } = findingsFromReport(plugin({ violations: [violation()] }), { locate: ctx.locate, problems: () => [] });
    expect(findings[0]).not.toHaveProperty('source');
  });

  test('acknowledged findings without a reason or place keep empty strings, never a pass for an open one', () => {
    const { findings } = findingsFromReport(plugin({ suppressedViolations: [{ ...violation(), acknowledgedId: 'HIPAA.Coding-TrailIntegrity' }] }), ctx);
    expect(findings.map((f) => f.acknowledged)).toEqual([{ reason: '', at: '' }]);
    expect(gateFails({ findings, pluginFailures: [] })).toBe(false);
  });

  test('a plugin failure needs a failed conclusion, no violations and an error', () => {
    const failures = (over: Record<string, unknown>) => findingsFromReport(plugin(over), ctx).pluginFailures;
    expect(failures({ metadata: { error: 'boom' } })).toEqual([{ pack: 'HIPAA.Coding', error: 'boom' }]);
    expect(failures({ metadata: { error: 'boom' }, violations: [violation()] })).toEqual([]);
    expect(failures({ metadata: { error: 'boom' }, conclusion: 'success' })).toEqual([]);
    expect(failures({ metadata: {} })).toEqual([]);
    expect(failures({})).toEqual([]);
  });

  test('gateFails: open errors and plugin failures only', () => {
    const one = (level: 'error' | 'warning' | 'note') => findingsFromReport(plugin({ violations: [violation({ severity: level })] }), ctx).findings;
    expect(gateFails({ findings: one('error'), pluginFailures: [] })).toBe(true);
    expect(gateFails({ findings: one('warning'), pluginFailures: [] })).toBe(false);
    expect(gateFails({ findings: one('note'), pluginFailures: [] })).toBe(false);
    expect(gateFails({ findings: [], pluginFailures: [] })).toBe(false);
    expect(gateFails({ findings: [], pluginFailures: [{ pack: 'AwsSolutions', error: 'boom' }] })).toBe(true);
  });
});
