import { Aws } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { TAMPER_EVENTS } from './tamper-actions';

export interface TamperAlertProps {
  /** The compliance officers' topic. */
  readonly topic: sns.ITopic;
  /** The topic's key: EventBridge must be able to publish to the encrypted topic. */
  readonly topicKey: kms.Key;
}

/**
 * Notifies the officers within minutes of an attempt to silence or weaken the audit trail
 * (the CloudTrail management events of lib/tamper-actions.ts, successful or not), instead of
 * at the next daily run. CloudFormation's own calls (deployments) are left out. The message
 * carries only the event name, time, account and region: no principal, no request parameters,
 * nothing that could hold PHI; the officer looks the event up in CloudTrail.
 */
export class TamperAlert extends Construct {
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: TamperAlertProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', {
      description: 'Audit trail tampering: notify the compliance officers',
      eventPattern: {
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          $or: Object.entries(TAMPER_EVENTS).map(([source, names]) => ({ eventSource: [source], eventName: [...names] })),
          // Deployments are CloudFormation's calls; everything else alerts.
          userIdentity: { invokedBy: [{ 'anything-but': ['cloudformation.amazonaws.com'] }, { exists: false }] },
        },
      },
    });
    const message = events.RuleTargetInput.fromText(
      `Audit trail tampering: ${events.EventField.fromPath('$.detail.eventName')} at ${events.EventField.time} in account ${events.EventField.account}, region ${events.EventField.region}. Look the event up in CloudTrail; the coding environment's audit (audit-integrity) reports it too.`,
    );
    // Not targets.SnsTopic: it grants the unconditioned events.amazonaws.com principal on the
    // topic and its key. Here publishing is granted to this account's rules only.
    const topic = props.topic;
    topic.grantPublish(new iam.ServicePrincipal('events.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }));
    this.rule.addTarget({ bind: () => ({ arn: topic.topicArn, input: message, targetResource: topic }) });
    // The topic is encrypted: EventBridge may use its key for this account's rules only.
    props.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeThisAccountsRules',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
  }
}
