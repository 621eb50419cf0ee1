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
