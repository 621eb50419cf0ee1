import { type IPolicyValidationContext, type IPolicyValidationPlugin, type PolicyValidationPluginReport, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * One place to acknowledge: every acknowledgement in the app must come from
 * policies/acknowledgements.ts, applied by `applyAcknowledgements`. A construct that calls
 * `Validations.of(this).acknowledge(...)` itself (or an aspect doing it at synth) would silence
 * a finding without review; this plugin fails the gate on any such entry.
 */

/** The metadata entries `applyAcknowledgements` wrote: identity, not content, so a copy elsewhere is still refused. */
const REVIEWED = new WeakSet<object>();

/** Record the acknowledgement metadata entries added to `target` since entry `since` as coming from the reviewed file. */
export function markReviewed(target: IConstruct, since: number): void {
  const added = target.node.metadata.slice(since).filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
  if (added.length === 0) throw new Error(`no acknowledgement recorded on ${target.node.path}`);
  added.forEach((m) => REVIEWED.add(m));
}

export const ACKNOWLEDGEMENT_ORIGIN_RULE = 'HIPAA.Coding-AcknowledgementOutsideReview';

/** Rule ids of the gate packs (`AwsSolutions::AwsSolutions-IAM5`, ...); CDK's own built-in validations acknowledge theirs. */
const GATE_RULE = /^(annotation::)?(AwsSolutions|HIPAA\.Security|HIPAA\.Coding)(::|-)/i;

/** Every acknowledgement of a gate rule in the tree that `applyAcknowledgements` did not write. */
export function unreviewedAcknowledgements(root: IConstruct): { path: string; ids: string[] }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && !REVIEWED.has(m))
      .map((m) => ({ path: c.node.path, ids: Object.keys((m.data ?? {}) as Record<string, unknown>).filter((id) => GATE_RULE.test(id)) }))
      .filter((f) => f.ids.length > 0),
  );
}

export class AcknowledgementOrigin implements IPolicyValidationPlugin {
  public readonly name = 'HIPAA.Coding.Acknowledgements';
  public readonly ruleIds = [ACKNOWLEDGEMENT_ORIGIN_RULE];

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const root = (context as IPolicyValidationContext & { appConstruct?: IConstruct }).appConstruct;
    if (root === undefined) throw new Error('AcknowledgementOrigin needs the construct tree on the validation context');
    const found = unreviewedAcknowledgements(root);
    return {
      success: found.length === 0,
      violations: found.map((f) => ({
        ruleName: ACKNOWLEDGEMENT_ORIGIN_RULE,
        description:
          `acknowledgement of ${f.ids.join(', ')} made outside policies/acknowledgements.ts: move it there (with its compensating control, owner and review date) ` +
          'so it is reviewed, or fix the finding.',
        severity: 'error',
        violatingResources: [{ constructPath: f.path, locations: ['Metadata'] }],
      })),
    };
  }
}
