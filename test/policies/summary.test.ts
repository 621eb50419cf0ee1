import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GateFinding } from '../../policies/findings';
import { packSummaryLine } from '../../policies/summary';
import { synthGateSummary } from '../../policies/synth-summary';

const f = (over: Partial<GateFinding>): GateFinding => ({ pack: 'HIPAA.Coding', ruleId: 'HIPAA.Coding-X', level: 'error', message: 'm', constructPath: 'Env/R', problems: [], ...over });

describe('packSummaryLine', () => {
  test('names every pack, a clean one as passed', () => {
    expect(packSummaryLine({ findings: [], pluginFailures: [] })).toBe('gates: AwsSolutions passed; HIPAA.Security passed; HIPAA.Coding passed');
  });

  test('counts open errors, warnings and acknowledged findings per pack; an open error fails its pack', () => {
    const line = packSummaryLine({
      pluginFailures: [],
      findings: [
        f({ pack: 'AwsSolutions', ruleId: 'AwsSolutions-IAM5', acknowledged: { reason: 'r', at: 'Env' } }),
        f({ pack: 'AwsSolutions', ruleId: 'AwsSolutions-IAM5', acknowledged: { reason: 'r', at: 'Env' } }),
        f({ pack: 'HIPAA.Security', level: 'warning' }),
        f({}),
      ],
    });
    expect(line).toBe('gates: AwsSolutions passed (0 errors, 2 acknowledged); HIPAA.Security passed (0 errors, 1 warning); HIPAA.Coding FAILED (1 error)');
  });

  test('a pack that could not run says so; other plugins that report are named too', () => {
    const line = packSummaryLine({ pluginFailures: [{ pack: 'HIPAA.Security', error: 'boom' }], findings: [f({ pack: 'cdk-validate', ruleId: 'F0001' })] });
    expect(line).toBe('gates: AwsSolutions passed; HIPAA.Security COULD NOT RUN; HIPAA.Coding passed; cdk-validate FAILED (1 error)');
  });
});

describe('synthGateSummary', () => {
  test('reads the validation report of the assembly; a missing one is not a pass', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-summary-'));
    expect(synthGateSummary(dir)).toMatch(/^gates: no validation-report\.json .*did not run$/);
    writeFileSync(join(dir, 'validation-report.json'), JSON.stringify({
      version: '1', pluginReports: [{ pluginName: 'HIPAA.Coding', conclusion: 'failure', violations: [{ ruleName: 'HIPAA.Coding-X', description: 'd', severity: 'error', violatingConstructs: [{ constructPath: 'Env/R' }] }] }],
    }));
    expect(synthGateSummary(dir)).toBe('gates: AwsSolutions passed; HIPAA.Security passed; HIPAA.Coding FAILED (1 error)');
    writeFileSync(join(dir, 'validation-report.json'), '{"version": 1}');
    expect(synthGateSummary(dir)).toMatch(/is not a validation report/);
    writeFileSync(join(dir, 'validation-report.json'), '{"vers');
    expect(synthGateSummary(dir)).toMatch(/is not a validation report/);
  });
});
