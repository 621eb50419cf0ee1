import { App, aws_logs as logs, aws_s3 as s3, Stack } from 'aws-cdk-lib';
import { applyGates } from '../../policies/gates';
import { COLLECT_FINDINGS_CONTEXT, runGates } from '../../policies/run-gates';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REASON = 'Compensating control: the test harness checks this group by hand.';

function appWithShortLogs(context: Record<string, unknown> = {}): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'gates-')), context });
  const stack = new Stack(app, 'Env');
  new logs.LogGroup(new Stack(stack, 'Nested'), 'Other', { retention: logs.RetentionDays.SIX_YEARS });
  new logs.LogGroup(stack, 'Audit', { retention: logs.RetentionDays.ONE_YEAR });
  // A bucket without access logs, which AwsSolutions-S1 refuses.
  new s3.Bucket(stack, 'Plain');
  return app;
}

describe('applyGates', () => {
  test('synth fails on an unacknowledged error, naming our rule and the construct', () => {
    const app = appWithShortLogs();
    applyGates(app, []);
    expect(() => app.synth()).toThrow(/Env\/Audit\/Resource[^\n]*\n[^\n]*'HIPAA\.Coding::HIPAA\.Coding-LogRetentionSixYears'/);
  });

  test('registers AwsSolutions, HIPAA.Security and HIPAA.Coding', () => {
    const app = appWithShortLogs(COLLECT_FINDINGS_CONTEXT);
    applyGates(app, []);
    const packs = new Set(runGates(app).findings.map((f) => f.pack));
    expect(packs).toEqual(new Set(['AwsSolutions', 'HIPAA.Security', 'HIPAA.Coding']));
  });

  test('an acknowledgement at a path silences that rule there, and is kept with its reason', () => {
    const app = appWithShortLogs(COLLECT_FINDINGS_CONTEXT);
    applyGates(app, [{ id: 'HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Audit' }]);
    const ours = runGates(app).findings.filter((f) => f.ruleId === 'HIPAA.Coding-LogRetentionSixYears');
    expect(ours).toEqual([expect.objectContaining({ constructPath: 'Env/Audit/Resource', acknowledged: { reason: REASON, at: 'Env/Audit' } })]);
  });

  test('the form synth prints after "Acknowledge with" works too', () => {
    const app = appWithShortLogs(COLLECT_FINDINGS_CONTEXT);
    applyGates(app, [{ id: 'HIPAA.Coding::HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Audit' }]);
    const ours = runGates(app).findings.filter((f) => f.ruleId === 'HIPAA.Coding-LogRetentionSixYears');
    expect(ours.map((f) => f.acknowledged?.at)).toEqual(['Env/Audit']);
  });

  test('an acknowledgement elsewhere does not silence it', () => {
    const app = appWithShortLogs(COLLECT_FINDINGS_CONTEXT);
    applyGates(app, [{ id: 'HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Nested' }]);
    const ours = runGates(app).findings.filter((f) => f.ruleId === 'HIPAA.Coding-LogRetentionSixYears');
    expect(ours).toEqual([expect.objectContaining({ constructPath: 'Env/Audit/Resource' })]);
    expect(ours[0].acknowledged).toBeUndefined();
  });

  test('a stale path or a reason without a compensating control is refused', () => {
    expect(() => applyGates(appWithShortLogs(), [{ id: 'HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Gone' }])).toThrow(/no construct at path "Env\/Gone"/);
    expect(() => applyGates(appWithShortLogs(), [{ id: 'HIPAA.Coding-LogRetentionSixYears', reason: 'we accept this risk for now, really', path: 'Env/Audit' }])).toThrow(
      /compensating control/,
    );
    expect(() => applyGates(appWithShortLogs(), [{ id: 'Nope-1', reason: REASON }])).toThrow(/must be a rule id/);
  });
});
