import { App, aws_logs as logs, aws_s3 as s3, Stack, Validations } from 'aws-cdk-lib';
import { ACKNOWLEDGEMENT_ORIGIN_RULE } from '../../policies/acknowledgement-origin';
import type { Acknowledgement } from '../../policies/acknowledgements';
import { applyAcknowledgements, applyGates, packOfRule } from '../../policies/gates';
import { COLLECT_FINDINGS_CONTEXT, runGates } from '../../policies/run-gates';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REASON = 'Compensating control: the test harness checks this group by hand.';
const OWNED = { owner: 'platform-engineering', reviewBy: '2099-12-31' } as const;

function appWithShortLogs(context: Record<string, unknown> = {}): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'gates-')), context });
  const stack = new Stack(app, 'Env');
  new logs.LogGroup(new Stack(stack, 'Nested'), 'Other', { retention: logs.RetentionDays.SIX_YEARS });
  new logs.LogGroup(stack, 'Audit', { retention: logs.RetentionDays.ONE_YEAR });
  // A bucket without access logs, which AwsSolutions-S1 refuses.
  new s3.Bucket(stack, 'Plain');
  return app;
}

describe('applyAcknowledgements without a synth: exact records and refusals', () => {
  function tree() {
    const app = new App();
    const stack = new Stack(app, 'Env');
    new Stack(stack, 'Audit');
    return app;
  }
  const ACK = { id: 'HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Audit', ...OWNED };
  const acknowledged = (app: App, path: string) =>
    app.node.findAll().find((c) => c.node.path === path)!.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data);

  test('packOfRule: the pack of a gate rule, unknown for anything else', () => {
    expect(packOfRule('HIPAA.Coding-TrailIntegrity')).toBe('HIPAA.Coding');
    expect(packOfRule('HIPAA.Security-S3BucketReplicationEnabled')).toBe('HIPAA.Security');
    expect(packOfRule('AwsSolutions-IAM5[Resource::*]')).toBe('AwsSolutions');
    expect(packOfRule('xAwsSolutions-IAM5')).toBe('unknown');
    expect(packOfRule('W3045')).toBe('unknown');
  });

  test('each entry is recorded on its construct as <pack>::<rule id>, the qualified form as it is, a pathless one on the app', () => {
    const app = tree();
    applyAcknowledgements(app, [ACK, { ...ACK, id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]' }, { ...ACK, path: undefined, id: 'HIPAA.Security-LambdaDLQ' }], { today: '2099-12-31' });
    expect(acknowledged(app, 'Env/Audit')).toEqual([{ 'HIPAA.Coding::HIPAA.Coding-LogRetentionSixYears': REASON }, { 'AwsSolutions::AwsSolutions-IAM5[Resource::*]': REASON }]);
    expect(app.node.metadata.map((m) => m.data)).toEqual([{ 'HIPAA.Security::HIPAA.Security-LambdaDLQ': REASON }]);
  });

  test('every refused entry is listed at once, by index, id and reason', () => {
    const app = tree();
    expect(() =>
      applyAcknowledgements(
        app,
        [
          ACK,
          { ...ACK, path: 'Env/Gone' },
          { ...ACK, reviewBy: '2026-06-29' },
          { ...ACK, path: undefined, reviewBy: '2026-06-29' },
          { ...ACK, reason: 'too short', owner: 'x' },
          { id: 'HIPAA.Coding-X', reason: REASON } as unknown as Acknowledgement,
          'junk' as unknown as Acknowledgement,
        ],
        { today: '2026-06-30' },
      ),
    ).toThrow(
      new Error(
        [
          'policies/acknowledgements.ts:',
          '  acknowledgement 1 (HIPAA.Coding-LogRetentionSixYears): no construct at path "Env/Gone"',
          '  acknowledgement 2 (HIPAA.Coding-LogRetentionSixYears at Env/Audit): its review was due on 2026-06-29; platform-engineering must review it and set a new reviewBy',
          '  acknowledgement 3 (HIPAA.Coding-LogRetentionSixYears): its review was due on 2026-06-29; platform-engineering must review it and set a new reviewBy',
          '  acknowledgement 4 (HIPAA.Coding-LogRetentionSixYears): reason must explain the acknowledgement; reason must name the compensating control ("Compensating control: ..."); owner must name who owns the acknowledgement',
          '  acknowledgement 5 (HIPAA.Coding-X): owner Invalid input: expected string, received undefined; reviewBy must be a date YYYY-MM-DD',
          '  acknowledgement 6 (undefined): entry Invalid input: expected object, received string',
        ].join('\n'),
      ),
    );
    // The valid first entry was applied before the refusal: synth stops here anyway.
    expect(acknowledged(app, 'Env/Audit')).toHaveLength(1);
  });

  test('an entry due today is still valid', () => {
    const app = tree();
    expect(() => applyAcknowledgements(app, [{ ...ACK, reviewBy: '2026-06-30' }], { today: '2026-06-30' })).not.toThrow();
  });
});

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
    applyGates(app, [{ id: 'HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Audit', ...OWNED }]);
    const ours = runGates(app).findings.filter((f) => f.ruleId === 'HIPAA.Coding-LogRetentionSixYears');
    expect(ours).toEqual([expect.objectContaining({ constructPath: 'Env/Audit/Resource', acknowledged: { reason: REASON, at: 'Env/Audit' } })]);
  });

  test('the form synth prints after "Acknowledge with" works too', () => {
    const app = appWithShortLogs(COLLECT_FINDINGS_CONTEXT);
    applyGates(app, [{ id: 'HIPAA.Coding::HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Audit', ...OWNED }]);
    const ours = runGates(app).findings.filter((f) => f.ruleId === 'HIPAA.Coding-LogRetentionSixYears');
    expect(ours.map((f) => f.acknowledged?.at)).toEqual(['Env/Audit']);
  });

  test('an acknowledgement elsewhere does not silence it', () => {
    const app = appWithShortLogs(COLLECT_FINDINGS_CONTEXT);
    applyGates(app, [{ id: 'HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Nested', ...OWNED }]);
    const ours = runGates(app).findings.filter((f) => f.ruleId === 'HIPAA.Coding-LogRetentionSixYears');
    expect(ours).toEqual([expect.objectContaining({ constructPath: 'Env/Audit/Resource' })]);
    expect(ours[0].acknowledged).toBeUndefined();
  });

  test('a stale path or a reason without a compensating control is refused', () => {
    expect(() => applyGates(appWithShortLogs(), [{ id: 'HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Gone', ...OWNED }])).toThrow(/no construct at path "Env\/Gone"/);
    expect(() => applyGates(appWithShortLogs(), [{ id: 'HIPAA.Coding-LogRetentionSixYears', reason: 'we accept this risk for now, really', path: 'Env/Audit', ...OWNED }])).toThrow(
      /compensating control/,
    );
    expect(() => applyGates(appWithShortLogs(), [{ id: 'Nope-1', reason: REASON, ...OWNED }])).toThrow(/must be a rule id/);
  });

  test('an acknowledgement past its review date fails, naming its owner', () => {
    const ack = { id: 'HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Audit', owner: 'platform-engineering', reviewBy: '2026-06-30' };
    expect(() => applyGates(appWithShortLogs(), [ack], { today: '2026-07-01' })).toThrow(/review was due on 2026-06-30; platform-engineering must review it/);
    expect(() => applyGates(appWithShortLogs(COLLECT_FINDINGS_CONTEXT), [ack], { today: '2026-06-30' })).not.toThrow();
  });

  test('an acknowledgement without an owner or a review date is refused', () => {
    const bare = { id: 'HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Audit' } as unknown as Acknowledgement;
    expect(() => applyGates(appWithShortLogs(), [bare])).toThrow(/owner .*; reviewBy /);
  });

  test('an acknowledgement a construct makes itself (Validations.of(this).acknowledge) fails the gate', () => {
    const app = appWithShortLogs(COLLECT_FINDINGS_CONTEXT);
    const audit = app.node.findAll().find((c) => c.node.path === 'Env/Audit')!;
    Validations.of(audit).acknowledge({ id: 'HIPAA.Coding::HIPAA.Coding-LogRetentionSixYears', reason: 'Compensating control: trust me, this is fine really' });
    applyGates(app, []);
    const findings = runGates(app).findings;
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: ACKNOWLEDGEMENT_ORIGIN_RULE, constructPath: 'Env/Audit', level: 'error' }));
  });

  test('the same entry applied through the reviewed list passes the origin check', () => {
    const app = appWithShortLogs(COLLECT_FINDINGS_CONTEXT);
    applyGates(app, [{ id: 'HIPAA.Coding-LogRetentionSixYears', reason: REASON, path: 'Env/Audit', ...OWNED }]);
    expect(runGates(app).findings.filter((f) => f.ruleId === ACKNOWLEDGEMENT_ORIGIN_RULE)).toEqual([]);
  });

  test('without COLLECT_FINDINGS_CONTEXT, synth itself fails on a construct-made acknowledgement', () => {
    const app = appWithShortLogs();
    Validations.of(app.node.findAll().find((c) => c.node.path === 'Env/Audit')!).acknowledge({ id: 'HIPAA.Coding::HIPAA.Coding-LogRetentionSixYears', reason: 'x' });
    applyGates(app, [{ id: 'AwsSolutions-S1', reason: REASON, path: 'Env/Plain', ...OWNED }, { id: 'HIPAA.Security-S3BucketLoggingEnabled', reason: REASON, path: 'Env/Plain', ...OWNED }]);
    expect(() => app.synth()).toThrow(/AcknowledgementOutsideReview/);
  });
});
