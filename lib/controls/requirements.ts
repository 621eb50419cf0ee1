import { CHECKLIST_ITEMS, type CheckName } from './catalog';

/**
 * The requirements of a coding department, each joined to what enforces it (a construct in
 * lib/, or the register for administrative safeguards), the policy rules that refuse a template
 * which weakens it, the audit check that watches it at run time and the quarterly checklist item
 * it feeds. docs/controls.md and the policy pack's rule texts are generated from this table;
 * rule ids are plain strings so lib/ does not import policies/ (a test checks they exist).
 */

export type RequirementId =
  | 'minimum-necessary'
  | 'unique-user-ids'
  | 'person-authentication'
  | 'automatic-logoff'
  | 'workstation-security'
  | 'audit-controls'
  | 'six-year-retention'
  | 'vpn-only-remote-access'
  | 'encryption-at-rest'
  | 'encryption-in-transit'
  | 'business-associate-agreements'
  | 'security-training'
  | 'access-reviews'
  | 'log-reviews'
  | 'risk-analysis'
  | 'breach-response'
  | 'breach-notification'
  | 'known-individuals'
  | 'ai-code-attestation';

/** What enforces a requirement: a construct file, or the dated register (CONTRACT §6). */
export type Enforcer =
  | 'lib/identities.ts'
  | 'lib/workstations.ts'
  | 'lib/client-vpn.ts'
  | 'lib/audit-archive.ts'
  | 'lib/trail.ts'
  | 'lib/phi-store.ts'
  | 'lib/keys.ts'
  | 'lib/network.ts'
  | 'lib/people-guard-policy.ts'
  | 'lib/tamper-protection.ts'
  | 'lib/console-private-access.ts'
  | 'register (administrative)';

export interface Requirement {
  readonly id: RequirementId;
  readonly title: string;
  readonly cfr: readonly string[];
  readonly enforcedBy: readonly Enforcer[];
  /** Policy rule ids (ours and the public packs') that fail synth when the template weakens it. */
  readonly rules: readonly string[];
  /** The audit check that watches it at run time, or null when no check does. */
  readonly check: CheckName | null;
  /** The quarterly checklist item it feeds, or null when it is gated at synth only. */
  readonly checklistItem: number | null;
}

/** The CFR sections of a checklist item, read from the catalog rather than restated. */
function cfrOfItem(item: number): readonly string[] {
  const found = CHECKLIST_ITEMS.find((i) => i.item === item);
  if (!found) throw new Error(`checklist item ${item} is not in lib/controls/catalog.ts`);
  return found.cfr;
}

const OURS = (rule: string) => `HIPAA.Coding-${rule}`;

export const REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'minimum-necessary',
    title: 'Minimum necessary: coders reach only their specialty’s charts',
    cfr: ['164.502(b)', '164.514(d)', '164.308(a)(4)(ii)(B)'],
    enforcedBy: ['lib/identities.ts', 'lib/phi-store.ts'],
    rules: [OURS('PhiMinimumNecessary'), 'AwsSolutions-IAM5', 'HIPAA.Security-IAMPolicyNoStatementsWithFullAccess'],
    check: 'privilege-creep',
    checklistItem: 3,
  },
  {
    id: 'unique-user-ids',
    title: 'Unique user identification: one login per person, none shared',
    cfr: ['164.312(a)(2)(i)'],
    enforcedBy: ['lib/identities.ts'],
    rules: [OURS('UniquePersonIdentities'), 'HIPAA.Security-IAMUserGroupMembership', 'HIPAA.Security-IAMUserNoPolicies'],
    check: 'shared-credentials',
    checklistItem: 3,
  },
  {
    id: 'person-authentication',
    title: 'Person authentication: MFA for every person',
    cfr: ['164.312(d)'],
    enforcedBy: ['lib/identities.ts'],
    rules: [OURS('PeopleGroupMfa')],
    check: 'authentication',
    checklistItem: 3,
  },
  {
    id: 'automatic-logoff',
    title: 'Automatic logoff after 15 idle minutes',
    cfr: ['164.312(a)(2)(iii)'],
    enforcedBy: ['lib/workstations.ts'],
    rules: [OURS('AutomaticLogoff')],
    check: null,
    checklistItem: 6,
  },
  {
    id: 'workstation-security',
    title: 'Workstation security: no PHI copied, downloaded or printed to the remote device',
    cfr: ['164.310(b)', '164.310(c)', '164.312(a)(1)'],
    enforcedBy: ['lib/workstations.ts'],
    rules: [OURS('WorkstationDataControls')],
    check: null,
    checklistItem: 6,
  },
  {
    id: 'audit-controls',
    title: 'Audit controls: every PHI access and every API call logged, tamper-evident',
    cfr: ['164.312(b)', '164.312(c)(1)', '164.308(a)(1)(ii)(D)'],
    enforcedBy: ['lib/trail.ts'],
    rules: [
      OURS('TrailIntegrity'),
      'HIPAA.Security-CloudTrailCloudWatchLogsEnabled',
      'HIPAA.Security-CloudTrailEncryptionEnabled',
      'HIPAA.Security-CloudTrailLogFileValidationEnabled',
      'HIPAA.Security-S3BucketLoggingEnabled',
    ],
    check: 'access-anomaly',
    checklistItem: 4,
  },
  {
    id: 'six-year-retention',
    title: 'Six-year retention of audit records',
    cfr: ['164.316(b)(2)(i)', '164.530(j)(2)'],
    enforcedBy: ['lib/audit-archive.ts', 'lib/trail.ts'],
    rules: [OURS('LogRetentionSixYears'), OURS('TrailBucketObjectLock'), 'HIPAA.Security-CloudWatchLogGroupRetentionPeriod'],
    check: 'audit-integrity',
    checklistItem: 4,
  },
  {
    id: 'vpn-only-remote-access',
    title: 'Remote access only through the VPN; PHI only from the VPC',
    cfr: ['164.312(e)(1)', '164.312(a)(1)'],
    enforcedBy: ['lib/client-vpn.ts', 'lib/network.ts', 'lib/console-private-access.ts', 'lib/phi-store.ts', 'lib/people-guard-policy.ts'],
    rules: [
      OURS('ClientVpnHardened'),
      OURS('VpnAuthorizedToVpcOnly'),
      OURS('VpnNoInternetRoute'),
      OURS('ConsoleEndpointsPinned'),
      OURS('PhiBucketNetworkAndTls'),
      OURS('NetworkGuardPinned'),
      'HIPAA.Security-VPCFlowLogsEnabled',
    ],
    check: 'vpn-bypass',
    checklistItem: 6,
  },
  {
    id: 'encryption-at-rest',
    title: 'Encryption at rest with customer-managed, rotated keys',
    cfr: ['164.312(a)(2)(iv)'],
    enforcedBy: ['lib/keys.ts', 'lib/phi-store.ts'],
    rules: [
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'HIPAA.Security-CloudWatchLogGroupEncrypted',
      'HIPAA.Security-CloudTrailEncryptionEnabled',
      'AwsSolutions-KMS5',
    ],
    check: null,
    checklistItem: 6,
  },
  {
    id: 'encryption-in-transit',
    title: 'Encryption in transit: TLS only',
    cfr: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
    enforcedBy: ['lib/phi-store.ts', 'lib/client-vpn.ts'],
    rules: [OURS('PhiBucketNetworkAndTls'), 'HIPAA.Security-S3BucketSSLRequestsOnly', 'AwsSolutions-S10'],
    check: null,
    checklistItem: 6,
  },
  {
    id: 'business-associate-agreements',
    title: 'Business associate agreements with every vendor touching PHI',
    cfr: cfrOfItem(2),
    enforcedBy: ['register (administrative)'],
    rules: [],
    check: 'ai-use',
    checklistItem: 2,
  },
  {
    id: 'security-training',
    title: 'Security awareness training for every workforce member',
    cfr: cfrOfItem(5),
    enforcedBy: ['register (administrative)'],
    rules: [],
    check: null,
    checklistItem: 5,
  },
  {
    id: 'access-reviews',
    title: 'Quarterly access reviews',
    cfr: ['164.308(a)(3)(ii)(B)', '164.308(a)(4)(ii)(C)'],
    enforcedBy: ['register (administrative)'],
    rules: [],
    check: 'privilege-creep',
    checklistItem: 3,
  },
  {
    id: 'log-reviews',
    title: 'Weekly review of audit logs',
    cfr: ['164.308(a)(1)(ii)(D)'],
    enforcedBy: ['register (administrative)'],
    rules: [],
    check: 'access-anomaly',
    checklistItem: 4,
  },
  {
    id: 'risk-analysis',
    title: 'Risk analysis and risk management',
    cfr: cfrOfItem(1),
    enforcedBy: ['register (administrative)'],
    rules: [],
    check: null,
    checklistItem: 1,
  },
  {
    id: 'breach-response',
    title: 'Breach response plan, tested',
    cfr: cfrOfItem(7),
    enforcedBy: ['register (administrative)'],
    rules: [],
    check: null,
    checklistItem: 7,
  },
  {
    id: 'breach-notification',
    title: 'Breach notification on time: individuals, HHS, media; Florida’s Department of Legal Affairs (Fla. Stat. 501.171)',
    cfr: ['164.404', '164.406', '164.408'],
    enforcedBy: ['register (administrative)'],
    rules: [],
    check: 'breach-notification',
    checklistItem: 7,
  },
  {
    id: 'known-individuals',
    title: 'Supervisor review of access to known individuals’ records',
    cfr: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
    enforcedBy: ['register (administrative)'],
    rules: [],
    check: 'watch-list',
    checklistItem: 4,
  },
  {
    id: 'ai-code-attestation',
    title: 'Human review of every AI-suggested code before the claim goes out',
    cfr: ['164.308(a)(1)(ii)(D)', '164.312(b)'],
    enforcedBy: ['register (administrative)'],
    rules: [],
    check: 'ai-attestation',
    checklistItem: null,
  },
];

/** The requirements a rule gates: where its CFR citation and checklist item come from. */
export function requirementsGatedBy(ruleId: string): Requirement[] {
  return REQUIREMENTS.filter((r) => r.rules.includes(ruleId));
}
