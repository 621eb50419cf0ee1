import { App, aws_logs as logs, Stack, Validations } from 'aws-cdk-lib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACKNOWLEDGEMENT_ORIGIN_RULE } from '../../policies/acknowledgement-origin';
import { applyGates } from '../../policies/gates';
import { COLLECT_FINDINGS_CONTEXT, runGates, VALIDATION_REPORT_FILE } from '../../policies/run-gates';

const outdir = (): string => mkdtempSync(join(tmpdir(), 'run-gates-'));

describe('runGates', () => {
  // With no validation plugin at all (no gates, and the CDK's own CloudFormation check off), the
  // CDK writes no report; with only its own check on it writes one, so this guard cannot tell.
  test('a synth no validation ran on is a plugin failure of every pack, naming the missing report and the assembly', () => {
    const saved = process.env.CDK_VALIDATION;
    process.env.CDK_VALIDATION = 'false';
    try {
      const dir = outdir();
      const app = new App({ outdir: dir, context: COLLECT_FINDINGS_CONTEXT });
      new logs.LogGroup(new Stack(app, 'Env'), 'Audit', { retention: logs.RetentionDays.ONE_YEAR });
      expect(runGates(app)).toEqual({
        findings: [],
        pluginFailures: [{ pack: 'all', error: `no ${VALIDATION_REPORT_FILE} in ${dir}: were the gates applied?` }],
      });
    } finally {
      if (saved === undefined) delete process.env.CDK_VALIDATION;
      else process.env.CDK_VALIDATION = saved;
    }
  });

  test('a finding on the app itself (no stack, so no template) has no template location, and no problems of a rule', () => {
    const app = new App({ outdir: outdir(), context: COLLECT_FINDINGS_CONTEXT });
    new logs.LogGroup(new Stack(app, 'Env'), 'Audit', { retention: logs.RetentionDays.SIX_YEARS });
    Validations.of(app).acknowledge({ id: 'HIPAA.Coding::HIPAA.Coding-LogRetentionSixYears', reason: 'Compensating control: made by a construct, not the reviewed list' });
    applyGates(app, []);
    const onApp = runGates(app).findings.filter((f) => f.ruleId === ACKNOWLEDGEMENT_ORIGIN_RULE);
    expect(onApp).toHaveLength(1);
    expect(onApp[0]).not.toHaveProperty('location');
    expect(onApp[0].problems).toEqual([]);
  });
});
