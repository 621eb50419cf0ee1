import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { type Acknowledgement, acknowledgementSchema, ACKNOWLEDGEMENTS } from './acknowledgements';
import { AcknowledgementOrigin, markReviewed } from './acknowledgement-origin';
import { HipaaCodingChecks } from './hipaa-coding-pack';

/** The packs that gate every synth: AWS Solutions, HIPAA Security and ours. */
export function gatePacks(app?: App): NagPack[] {
  // verbose: the report then carries each rule's explanation, which says how to fix it.
  const props = { verbose: true };
  return [new AwsSolutionsChecks(app, props), new HIPAASecurityChecks(app, props), new HipaaCodingChecks(app, props)];
}

/** The pack (plugin) that owns a rule id, e.g. `HIPAA.Coding` for `HIPAA.Coding-TrailIntegrity`. */
export function packOfRule(ruleId: string): string {
  return /^(AwsSolutions|HIPAA\.Security|HIPAA\.Coding)-/.exec(ruleId)?.[1] ?? 'unknown';
}

/**
 * Register the packs as validation plugins and apply the acknowledgements. Call after the app's
 * stacks are built (acknowledgements name construct paths). Synth then fails on any
 * unacknowledged error.
 */
export function applyGates(app: App, acknowledgements: readonly Acknowledgement[] = ACKNOWLEDGEMENTS, options: AcknowledgementOptions = {}): void {
  // The origin check refuses any acknowledgement that does not come from policies/acknowledgements.ts.
  Validations.of(app).addPlugins(...gatePacks(app), new AcknowledgementOrigin());
  applyAcknowledgements(app, acknowledgements, options);
}

export interface AcknowledgementOptions {
  /**
   * The day (YYYY-MM-DD) review dates are compared with: an acknowledgement whose `reviewBy` is
   * before it fails.
   * @default today (UTC)
   */
  readonly today?: string;
}

/**
 * Each acknowledgement is recorded as `<pack>::<rule id>` on its construct: the CDK then lists
 * the finding under `suppressedViolations` in cdk.out/validation-report.json with its reason and
 * path (an audit trail), where a bare id would make cdk-nag drop it without a trace.
 * An acknowledgement whose path matches nothing is an error: stale entries must not linger.
 */
export function applyAcknowledgements(app: App, acknowledgements: readonly Acknowledgement[], options: AcknowledgementOptions = {}): void {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const problems: string[] = [];
  const byPath = new Map<string, IConstruct>(app.node.findAll().map((c) => [c.node.path, c]));
  acknowledgements.forEach((raw, i) => {
    const parsed = acknowledgementSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(`acknowledgement ${i} (${raw.id}): ${parsed.error.issues.map((e) => `${e.path.join('.') || 'entry'} ${e.message}`).join('; ')}`);
      return;
    }
    const ack = parsed.data;
    if (ack.reviewBy < today) {
      problems.push(`acknowledgement ${i} (${ack.id}${ack.path ? ` at ${ack.path}` : ''}): its review was due on ${ack.reviewBy}; ${ack.owner} must review it and set a new reviewBy`);
      return;
    }
    const target = ack.path === undefined ? app : byPath.get(ack.path);
    if (!target) {
      problems.push(`acknowledgement ${i} (${ack.id}): no construct at path ${JSON.stringify(ack.path)}`);
      return;
    }
    const qualified = /^(AwsSolutions|HIPAA\.Security|HIPAA\.Coding)::/.test(ack.id) ? ack.id : `${packOfRule(ack.id)}::${ack.id}`;
    const before = target.node.metadata.length;
    Validations.of(target).acknowledge({ id: qualified, reason: ack.reason });
    markReviewed(target, before);
  });
  if (problems.length > 0) throw new Error(`policies/acknowledgements.ts:\n  ${problems.join('\n  ')}`);
}
