import type { CfnResource } from 'aws-cdk-lib';
import { literalNumber, templateOf } from './resolve';
import type { CodingRule } from './rule';

/** Six years in days, the floor for audit records (CloudWatch Logs offers 2192 exactly). */
export const SIX_YEARS_DAYS = 2192;

const TYPES = ['AWS::Logs::LogGroup', 'Custom::LogRetention'];

/** Passes when a log group never expires or keeps events at least 2192 days. */
export const LogRetentionSixYears: CodingRule = {
  id: 'LogRetentionSixYears',
  info: 'The log group keeps events for less than six years (RetentionInDays below 2192).',
  explanation:
    'Audit records must be kept six years. Set RetentionInDays to 2192 (logs.RetentionDays.SIX_YEARS) or leave it unset (never expire); ' +
    'avoid the logRetention prop (Custom::LogRetention), which cannot encrypt the group: pass a logGroup instead.',
  resourceTypes: TYPES,
  evaluate(node: CfnResource) {
    if (!TYPES.includes(node.cfnResourceType)) return undefined;
    const retention = templateOf(node).properties.RetentionInDays;
    // Unset means never expire, for the log group and for the LogRetention custom resource alike.
    if (retention === undefined) return [];
    const days = literalNumber(retention);
    if (days === undefined) return [`RetentionInDays is not a literal number (${JSON.stringify(retention)})`];
    return days >= SIX_YEARS_DAYS ? [] : [`RetentionInDays is ${days}, below ${SIX_YEARS_DAYS}`];
  },
};
