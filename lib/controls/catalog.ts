/**
 * The control catalog: one table joining each HIPAA requirement of a coding department to
 * the CFR section it comes from, the construct that enforces it, the policy rules that gate it,
 * the audit check that watches it and the checklist item it feeds. Docs (docs/controls.md),
 * reports and tests read this table; nothing else restates the mapping.
 */

export type CheckName =
  | 'stale-access'
  | 'shared-credentials'
  | 'privilege-creep'
  | 'vpn-bypass'
  | 'access-anomaly'
  | 'authentication'
  | 'audit-integrity'
  | 'ai-use'
  | 'ai-attestation'
  | 'watch-list'
  | 'breach-notification';

export interface CheckInfo {
  readonly check: CheckName;
  readonly title: string;
  readonly cfr: readonly string[];
  /** What a compliance officer does about a finding of this check. */
  readonly remediation: string;
  /** The rules (finding `rule` names) of the check, for docs/controls.md. */
  readonly rules?: readonly string[];
}

export const CHECKS: readonly CheckInfo[] = [
  {
    check: 'stale-access',
    title: 'Stale access',
    cfr: ['164.308(a)(3)(ii)(C)', '164.308(a)(4)(ii)(C)'],
    remediation: 'Disable the console password and deactivate the keys of anyone who left; remove credentials nobody uses; rotate old keys. A credential used after the end date is a possible breach: start the incident response.',
    rules: ['departed-person-active', 'password-unused', 'access-key-unused', 'access-key-not-rotated', 'used-after-departure'],
  },
  {
    check: 'shared-credentials',
    title: 'Shared credentials',
    cfr: ['164.312(a)(2)(i)', '164.308(a)(5)(ii)(D)'],
    remediation: 'Give every person their own login; delete logins nobody owns; rotate any credential used from two places at once and ask its owner.',
    rules: ['unowned-identity', 'service-account-console', 'concurrent-console-sessions', 'access-key-multiple-origins', 'streaming-as-another-user'],
  },
  {
    check: 'privilege-creep',
    title: 'Privilege creep',
    cfr: ['164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)', '164.502(b)', '164.514(d)', '164.312(a)(1)'],
    remediation: 'Remove group memberships and policies that the person’s current role and specialties do not give; narrow any group policy that reaches past its specialty’s prefix; take IAM-changing permissions from everyone but the platform admins.',
    rules: ['excess-group', 'direct-policy', 'admin-equivalent', 'excess-phi-reach', 'privilege-escalation'],
  },
  {
    check: 'vpn-bypass',
    title: 'VPN bypass',
    cfr: ['164.312(e)(1)', '164.312(a)(1)'],
    remediation: 'Find out how the request left the VPN (or whose VPC endpoint it came through); block the source and confirm the device is enrolled and encrypted.',
    rules: ['outside-network'],
  },
  {
    check: 'access-anomaly',
    title: 'PHI access anomalies',
    cfr: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.502(b)'],
    remediation: 'Ask the person and their lead why the chart was opened; record the answer in the weekly log review.',
    rules: ['out-of-specialty', 'after-hours'],
  },
  {
    check: 'authentication',
    title: 'Authentication (MFA)',
    cfr: ['164.312(d)', '164.308(a)(5)(ii)(D)'],
    remediation: 'Have the person enroll an MFA device before their next sign-in (or remove the console password); ask who signed in without MFA and whether it was them.',
    rules: ['console-without-mfa', 'sign-in-without-mfa'],
  },
  {
    check: 'audit-integrity',
    title: 'Audit trail integrity',
    cfr: ['164.312(b)', '164.312(c)(1)', '164.308(a)(1)(ii)(D)', '164.316(b)(2)(i)'],
    remediation: 'Find out who changed the trail, its archive, keys or guards and why; undo it by redeploying the stack; treat an unexplained change as a security incident.',
    rules: ['logging-stopped', 'logging-narrowed', 'retention-weakened', 'key-disabled', 'protection-removed', 'trail-not-logging', 'selectors-missing-phi', 'object-lock-weakened', 'stack-drift'],
  },
  {
    check: 'ai-use',
    title: 'AI services without a BAA',
    cfr: ['164.308(b)(1)', '164.502(e)', '164.504(e)', '164.312(b)'],
    remediation: 'Stop sending PHI to the AI service until a signed, current BAA lists the service and the model provider (vendors[].awsServices, modelProviders); turn Bedrock invocation logging back on.',
    rules: ['ai-service-without-baa', 'ai-logging-disabled'],
  },
  {
    check: 'ai-attestation',
    title: 'AI-suggested codes without human attestation',
    cfr: ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(i)', '164.312(b)'],
    remediation: 'Hold claims until a trained, active coder has reviewed and attested every AI-suggested code; coach anyone who attests in seconds.',
    rules: ['unattested-ai-codes', 'attested-by-non-coder', 'rubber-stamp'],
  },
  {
    check: 'watch-list',
    title: 'Access to watched records',
    cfr: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.502(b)'],
    remediation: 'Review every access to a watched record with the person’s lead the same day; a coworker or relative opening their own people’s chart is a possible breach (164.402).',
    rules: ['watched-record-access'],
  },
  {
    check: 'breach-notification',
    title: 'Breach notification deadlines (incl. Fla. Stat. 501.171)',
    cfr: ['164.404', '164.406', '164.408'],
    remediation: 'Send the notice before its deadline and record the date in the incident’s "notified" (individuals, HHS, media per state, Florida’s Department of Legal Affairs).',
    rules: ['notification-overdue', 'notification-due-soon'],
  },
];

export interface ChecklistItemInfo {
  readonly item: number;
  readonly title: string;
  readonly cfr: readonly string[];
  /** Audit checks whose findings or errors this item depends on. */
  readonly dependsOn: readonly CheckName[];
}

export const CHECKLIST_ITEMS: readonly ChecklistItemInfo[] = [
  { item: 1, title: 'Risk analysis on file', cfr: ['164.308(a)(1)(ii)(A)', '164.308(a)(1)(ii)(B)'], dependsOn: [] },
  { item: 2, title: 'BAAs with every vendor touching PHI', cfr: ['164.308(b)(1)', '164.502(e)', '164.504(e)'], dependsOn: ['ai-use'] },
  { item: 3, title: 'Role-based access, quarterly privilege review', cfr: ['164.308(a)(3)(ii)(B)', '164.308(a)(4)(ii)(C)', '164.502(b)'], dependsOn: ['privilege-creep'] },
  { item: 4, title: 'Audit logs reviewed weekly', cfr: ['164.308(a)(1)(ii)(D)', '164.312(b)'], dependsOn: [] },
  { item: 5, title: 'Annual training for every coder', cfr: ['164.308(a)(5)(i)', '164.530(b)'], dependsOn: [] },
  { item: 6, title: 'Remote devices encrypted, VPN verified', cfr: ['164.312(a)(2)(iv)', '164.312(e)(1)', '164.310(d)(1)'], dependsOn: ['vpn-bypass'] },
  { item: 7, title: 'Breach response plan tested', cfr: ['164.308(a)(6)(ii)', '164.308(a)(7)(ii)(D)', '164.404'], dependsOn: [] },
  { item: 8, title: 'State rules current', cfr: ['160.203', '164.202'], dependsOn: [] },
];
