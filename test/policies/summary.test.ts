import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GateFinding } from '../../policies/findings';
import { packSummaryLine, summarize } from '../../policies/summary';
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

describe('summarize: the CI log', () => {
  test('each open error first, then warnings, with where and what; then the counts and what to do', () => {
    const text = summarize({
      pluginFailures: [],
      findings: [
        f({ level: 'warning', ruleId: 'HIPAA.Security-W', constructPath: 'Env/Logs', message: 'retain longer' }),
        f({ ruleId: 'HIPAA.Coding-E', constructPath: 'Env/Bucket', location: { templatePath: 'cdk.out/Env.template.json', logicalId: 'Bucket1', line: 12 }, problems: ['no TLS condition'], message: 'deny plain HTTP' }),
        f({ ruleId: 'AwsSolutions-IAM5', acknowledged: { reason: 'scoped by condition', at: 'Env' } }),
        f({ ruleId: 'HIPAA.Coding-F', constructPath: 'Env/Key', location: { templatePath: 't.json', logicalId: 'Key1' }, message: 'rotate' }),
      ],
    });
    expect(text.split('\n')).toEqual([
      'ERROR HIPAA.Coding-E',
      '  at Env/Bucket (cdk.out/Env.template.json:12, Bucket1)',
      '  - no TLS condition',
      '  deny plain HTTP',
      'ERROR HIPAA.Coding-F',
      '  at Env/Key (t.json, Key1)',
      '  rotate',
      'WARNING HIPAA.Security-W',
      '  at Env/Logs',
      '  retain longer',
      '2 error(s), 1 warning(s), 1 acknowledged',
      'Fix the resource, or acknowledge the finding in policies/acknowledgements.ts with a reason naming the compensating control.',
    ]);
  });

  test('a pack that failed to run is named first and blocks; warnings alone do not', () => {
    expect(summarize({ pluginFailures: [{ pack: 'HIPAA.Security', error: 'boom' }], findings: [] }).split('\n')).toEqual([
      'PACK FAILED HIPAA.Security: boom',
      '0 error(s), 0 warning(s), 0 acknowledged, 1 pack(s) failed to run',
      'Fix the resource, or acknowledge the finding in policies/acknowledgements.ts with a reason naming the compensating control.',
    ]);
    expect(summarize({ pluginFailures: [], findings: [f({ level: 'warning', message: 'w' })] }).split('\n')).toEqual(['WARNING HIPAA.Coding-X', '  at Env/R', '  w', '0 error(s), 1 warning(s), 0 acknowledged']);
  });
});

describe('packSummaryLine: counts', () => {
  test('one warning and one acknowledged are singular; several are plural', () => {
    const line = packSummaryLine({ pluginFailures: [], findings: [f({ level: 'warning' }), f({ pack: 'AwsSolutions', level: 'error' }), f({ pack: 'AwsSolutions', level: 'error' }), f({ pack: 'HIPAA.Security', acknowledged: { reason: 'r', at: 'Env' } })] });
    expect(line).toBe('gates: AwsSolutions FAILED (2 errors); HIPAA.Security passed (0 errors, 1 acknowledged); HIPAA.Coding passed (0 errors, 1 warning)');
    expect(packSummaryLine({ pluginFailures: [], findings: [f({}), f({ level: 'warning' }), f({ level: 'warning' })] }, ['HIPAA.Coding'])).toBe('gates: HIPAA.Coding FAILED (1 error, 2 warnings)');
  });
});
