/**
 * What silences or weakens the audit trail and its protections, in one catalogue: the IAM
 * actions the tamper denies (lib/tamper-protection.ts, lib/tamper-scp.ts) refuse, and the
 * CloudTrail management events the alert (lib/tamper-alert.ts) reports. Pure data.
 */

/** The protected kinds of resource. */
export type ProtectedKind = 'trail' | 'buckets' | 'keys' | 'logGroups' | 'flowLogs' | 'vpn' | 'workstations' | 'alerting';

/** IAM actions that stop, narrow or weaken each kind (denied to everyone but the deploy path). */
export const TAMPER_ACTIONS: Readonly<Record<ProtectedKind, readonly string[]>> = {
  // Stopping or narrowing the trail.
  trail: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:PutInsightSelectors'],
  // The archive's lock, lifecycle and policy (and the PHI, reports and register buckets' protections).
  buckets: [
    's3:PutBucketObjectLockConfiguration',
    's3:PutLifecycleConfiguration',
    's3:PutBucketPolicy',
    's3:DeleteBucketPolicy',
    's3:PutBucketVersioning',
    's3:PutBucketPublicAccessBlock',
    's3:PutEncryptionConfiguration',
    's3:PutBucketLogging',
    's3:DeleteBucket',
  ],
  // Disabling the keys or scheduling their deletion (six years of locked logs would become unreadable).
  keys: ['kms:DisableKey', 'kms:ScheduleKeyDeletion', 'kms:DisableKeyRotation', 'kms:PutKeyPolicy'],
  // Deleting or shortening the six-year log groups.
  logGroups: ['logs:DeleteLogGroup', 'logs:DeleteLogStream', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:DisassociateKmsKey'],
  flowLogs: ['ec2:DeleteFlowLogs'],
  // Weakening the VPN: who may connect, where to, with which certificates.
  vpn: [
    'ec2:ModifyClientVpnEndpoint',
    'ec2:AuthorizeClientVpnIngress',
    'ec2:CreateClientVpnRoute',
    'ec2:DeleteClientVpnEndpoint',
    'ec2:ApplySecurityGroupsToClientVpnTargetNetwork',
    'ec2:ImportClientVpnClientCertificateRevocationList',
  ],
  // Weakening the workstations: clipboard, downloads, printing, session limits.
  workstations: ['appstream:UpdateStack', 'appstream:UpdateFleet', 'appstream:DeleteStack', 'appstream:DeleteFleet'],
  // The alert itself: the rule and the officers' topic.
  alerting: ['events:DisableRule', 'events:DeleteRule', 'events:PutRule', 'events:RemoveTargets', 'events:PutTargets', 'sns:DeleteTopic', 'sns:SetTopicAttributes'],
};

/**
 * The CloudTrail management events (by event source) the alert notifies on: every call the
 * denies refuse, as CloudTrail names it, plus those the audit's `audit-integrity` reports
 * (CONTRACT §5) that no deny covers (the account password policy).
 */
export const TAMPER_EVENTS: Readonly<Record<string, readonly string[]>> = {
  'cloudtrail.amazonaws.com': ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'],
  's3.amazonaws.com': [
    'PutObjectLockConfiguration',
    'PutBucketLifecycle',
    'PutBucketLifecycleConfiguration',
    'DeleteBucketLifecycle',
    'PutBucketPolicy',
    'DeleteBucketPolicy',
    'PutBucketVersioning',
    'PutBucketPublicAccessBlock',
    'DeletePublicAccessBlock',
    'DeleteBucketPublicAccessBlock',
    'PutBucketEncryption',
    'DeleteBucketEncryption',
    'PutBucketLogging',
    'DeleteBucket',
  ],
  'kms.amazonaws.com': ['DisableKey', 'ScheduleKeyDeletion', 'DisableKeyRotation', 'PutKeyPolicy'],
  'logs.amazonaws.com': ['DeleteLogGroup', 'DeleteLogStream', 'PutRetentionPolicy', 'DeleteRetentionPolicy', 'DisassociateKmsKey'],
  'ec2.amazonaws.com': [
    'DeleteFlowLogs',
    'ModifyClientVpnEndpoint',
    'AuthorizeClientVpnIngress',
    'CreateClientVpnRoute',
    'DeleteClientVpnEndpoint',
    'ApplySecurityGroupsToClientVpnTargetNetwork',
    'ImportClientVpnClientCertificateRevocationList',
  ],
  'appstream.amazonaws.com': ['UpdateStack', 'UpdateFleet', 'DeleteStack', 'DeleteFleet'],
  'events.amazonaws.com': ['DisableRule', 'DeleteRule', 'PutRule', 'RemoveTargets', 'PutTargets'],
  'sns.amazonaws.com': ['DeleteTopic', 'SetTopicAttributes'],
  'iam.amazonaws.com': ['UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy'],
};

/** The CDK bootstrap's CloudFormation execution role: the one deploy path allowed to change protected resources. */
export function cfnExecutionRolePattern(qualifier: string, partition = '*', account = '*'): string {
  return `arn:${partition}:iam::${account}:role/cdk-${qualifier}-cfn-exec-role-${account}-*`;
}

export function allTamperActions(): string[] {
  return Object.values(TAMPER_ACTIONS).flat();
}
