import { z } from 'zod';
import { activePeople, coderGroupName, GROUP_ADMINS, GROUP_AUDITORS, staffedGroups } from '../lib/config/roster';
import { sliceConstructId, slicesOf } from '../lib/config/roster-slices';
import { type CodingEnvConfig, isoDate } from '../lib/config/schema';

/**
 * Every acknowledged policy finding, in one reviewed file. An entry silences one rule id at one
 * construct path (and everything below it); its reason names the compensating control that
 * makes the finding acceptable. test/policies/acknowledgements.test.ts pins this list, so adding
 * an entry is a visible change in review.
 *
 * `id` is the rule id (`AwsSolutions-IAM5[Resource::...]`, `HIPAA.Coding-AutomaticLogoff`), or the
 * form synth prints after "Acknowledge with" (`HIPAA.Coding::HIPAA.Coding-AutomaticLogoff`); `path` is a construct path from the app root
 * (`CodingEnv/Identities/CodersCardiology`); without a path the acknowledgement covers the
 * whole app, which review should refuse for anything but a pack-wide false positive.
 */
export const acknowledgementSchema = z.strictObject({
  id: z
    .string()
    .regex(/^((AwsSolutions|HIPAA\.Security|HIPAA\.Coding)::)?(AwsSolutions|HIPAA\.Security|HIPAA\.Coding)-[A-Za-z0-9]+(\[.+\])?$/, 'must be a rule id of AwsSolutions, HIPAA.Security or HIPAA.Coding'),
  reason: z
    .string()
    .min(30, 'must explain the acknowledgement')
    .regex(/compensating control/i, 'must name the compensating control ("Compensating control: ...")'),
  path: z.string().min(1).optional(),
  /** Who answers for the acknowledgement (a team or a role), and reviews it. */
  owner: z.string().min(3, 'must name who owns the acknowledgement'),
  /** After this date (YYYY-MM-DD) the acknowledgement fails the gate until someone reviews it and moves the date. */
  reviewBy: isoDate,
});

export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

/** Owners and the date of the next review: every entry below names one of each. */
const PLATFORM = { owner: 'platform-engineering (policies/ CODEOWNERS)', reviewBy: '2027-06-30' } as const;
const COMPLIANCE_OFFICER = { owner: 'privacy-officer', reviewBy: '2027-06-30' } as const;

/** An entry as written below, before its owner and review date are stamped on. */
type Entry = Omit<Acknowledgement, 'owner' | 'reviewBy'>;

function owned(by: Pick<Acknowledgement, 'owner' | 'reviewBy'>, entries: readonly Entry[]): Acknowledgement[] {
  return entries.map((e) => ({ ...e, ...by }));
}

const FIRST_PASSWORD =
  'Compensating control: a first password is used once. IAM forces its change at first sign-in (login profile PasswordResetRequired) and the ' +
  'account password policy expires passwords after 90 days (lib/password-policy.ts); rotating the secret would not change the login profile. ' +
  'The secret is encrypted with the secrets key, readable only by platform-admins, and deleted when its person leaves (lib/identities.ts).';

const PROVIDER = 'CodingEnv/AWS679f53fac002430cb0da5b7982bd2287';
const PROVIDER_SCOPE =
  "CDK's AwsCustomResource provider runs only while CloudFormation deploys this stack (account password policy, S3 prefix list lookup), handles no PHI, " +
  'runs with a role limited to those two calls (lib/custom-resource-role.ts) and logs every run to a six-year KMS log group (lib/lambda-logging.ts)';

/**
 * The environment's (first passwords share one scope; the provider Lambda always exists for
 * the account password policy).
 */
const ENVIRONMENT: readonly Acknowledgement[] = owned(PLATFORM, [
  // Identities: wildcards IAM itself requires.
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    path: 'CodingEnv/Identities/Guard/Policy',
    reason:
      "Compensating control: '*' appears only in the guard's Deny statements (no MFA, outside the VPN/VPC), which must cover every action, and for " +
      'iam:ListVirtualMFADevices and iam:GetAccountPasswordPolicy, which IAM authorizes only on "*" and which reveal no PHI; MFA and password ' +
      'self-service writes are limited to user/${aws:username} and mfa/${aws:username} (lib/people-guard-policy.ts).',
  },

  // CDK's AwsCustomResource provider (deploy-time only).
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    path: 'CodingEnv/AwsCustomResourceRole/Policy',
    reason:
      'Compensating control: iam:UpdateAccountPasswordPolicy and ec2:DescribeManagedPrefixLists have no resource-level permissions; the policy lists ' +
      'exactly these calls plus writes to its own log group, and the role is assumable only by Lambda in this account, for the deploy-time provider.',
  },
  {
    id: 'HIPAA.Security-LambdaConcurrency',
    path: PROVIDER,
    reason: `Compensating control: ${PROVIDER_SCOPE}. Reserved concurrency would take from the account's unreserved pool and can block deployment in new accounts.`,
  },
  {
    id: 'HIPAA.Security-LambdaDLQ',
    path: PROVIDER,
    reason: `Compensating control: ${PROVIDER_SCOPE}. A failed run fails and rolls back the deployment, visible in the stack events and CloudTrail; there is nothing to redeliver.`,
  },
  {
    id: 'HIPAA.Security-LambdaInsideVPC',
    path: PROVIDER,
    reason: `Compensating control: ${PROVIDER_SCOPE}. It calls only the IAM and EC2 control-plane APIs; a VPC attachment would add network interfaces without reducing exposure.`,
  },

  // Storage.
  {
    id: 'HIPAA.Security-S3BucketReplicationEnabled',
    path: 'CodingEnv/PhiStore/Bucket',
    reason:
      'Compensating control: versioning keeps every prior version of every object, the bucket and its key are retained when the stack is deleted, S3 ' +
      'stores objects across at least three availability zones, and every object write is a CloudTrail data event; a cross-region copy needs a second ' +
      "region's bucket and key, which the organisation's contingency plan (164.308(a)(7)) decides outside this single-region stack.",
  },
  {
    id: 'HIPAA.Security-S3BucketReplicationEnabled',
    path: 'CodingEnv/AuditArchive/Bucket',
    reason:
      'Compensating control: Object Lock COMPLIANCE keeps every trail file unalterable and undeletable for six years, versioning is on, the bucket is ' +
      'retained, log file validation proves integrity, and the trail also delivers every event to a six-year KMS log group (a second copy).',
  },
  {
    id: 'HIPAA.Security-S3BucketReplicationEnabled',
    path: 'CodingEnv/AccessLogs/Bucket',
    reason:
      'Compensating control: versioned, retained, kept six years by lifecycle; its S3 server access logs repeat what the PHI data events record in the ' +
      'trail, whose archive is under Object Lock and whose log group is a second copy.',
  },
  {
    id: 'HIPAA.Security-S3DefaultEncryptionKMS',
    path: 'CodingEnv/AccessLogs/Bucket',
    reason:
      'Compensating control: S3 server access logging cannot deliver to SSE-KMS buckets, so this bucket is encrypted with SSE-S3 (AES-256); it is ' +
      'TLS-only, public access blocked, written only by the S3 logging service through its bucket policy, and no group of people is granted access to it.',
  },

  // Network: the NAT's way out.
  {
    id: 'HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
    path: 'CodingEnv/Network/Vpc/natSubnet1/DefaultRoute',
    reason:
      'Compensating control: this route serves only the /28 subnet holding the NAT gateway (MapPublicIpOnLaunch false, nothing else placed there); ' +
      'workloads sit in private subnets that leave through the NAT, nothing in the VPC accepts connections from the internet, people\'s requests ' +
      'through the NAT are tied to its one Elastic IP by the guard policy, and flow logs record all traffic for six years (lib/network.ts).',
  },
]);

const COMPLIANCE = 'CodingEnv/Compliance';
const CHECKS = `${COMPLIANCE}/Checks`;
const REPORTS_BUCKET = '<ComplianceReportsBucket8753C0F4.Arn>';
const ATHENA_RESULTS_BUCKET = '<ComplianceAthenaResults1A9EA92D.Arn>';
const AUDIT_FUNCTIONS =
  'the audit functions run once a day (the worksheet once a week) from the schedules, in private subnets, read-only except the report and ' +
  "worksheet writers' own prefixes (test/lib/compliance-automation.test.ts pins every action of every role), logging six years under KMS";

/**
 * The environment auditing itself (lib/compliance-automation.ts): the wildcards its APIs require
 * and the Lambda findings. Each entry covers the whole subtree; the template tests pin what is in it.
 */
const COMPLIANCE_AUTOMATION: readonly Acknowledgement[] = owned(PLATFORM, [
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    path: CHECKS,
    reason:
      'Compensating control: "*" only where AWS has no resource-level permission: Lambda\'s VPC network interfaces, the credential report and ' +
      'GetAccountAuthorizationDetails (read-only IAM reports), organizations:ListAccounts (the organization run), Step Functions\' X-Ray and log delivery, and the ' +
      "audit-integrity probe's drift detection (DescribeStackDriftDetectionStatus is addressed by detection id; CloudFormation reads the security " +
      'resources with the caller\'s Get/Describe/List permissions, DRIFT_READ_ACTIONS in lib/audit-read-grants.ts, no object reads); every action is ' +
      `listed one by one in customer-managed policies; ${AUDIT_FUNCTIONS}.`,
  },
  {
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/CodingEnv/*]',
    path: `${CHECKS}/Check-audit-integrity`,
    reason:
      "Compensating control: a stack's ARN ends in an id CloudFormation assigns at creation, so this stack can only be named as stack/CodingEnv/*; " +
      'the actions are drift detection on it (DetectStackDrift, DetectStackResourceDrift, DescribeStackResourceDrifts), which change nothing in the ' +
      `stack's resources, for the audit-integrity function alone; ${AUDIT_FUNCTIONS}.`,
  },
  {
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*]',
    path: CHECKS,
    reason:
      "Compensating control: Lambda creates each function's network interfaces under names not known in advance; creating one also needs the " +
      "function's own subnets and security group (listed by id), and deleting or re-addressing one is allowed only where ec2:Subnet is one of " +
      `those subnets (lib/audit-function.ts), so no function can touch another network; ${AUDIT_FUNCTIONS}.`,
  },
  {
    id: 'AwsSolutions-IAM5[Resource::<AuditArchiveBucketDB93AD31.Arn>/AWSLogs/*]',
    path: CHECKS,
    reason:
      'Compensating control: the event checks and the worksheet must read every trail file CloudTrail writes under AWSLogs/ (names are not known ' +
      'in advance); s3:GetObject only, the archive is Object Lock COMPLIANCE so nothing can be altered, and the audit key decrypts through S3 only.',
  },
  {
    id: `AwsSolutions-IAM5[Resource::${ATHENA_RESULTS_BUCKET}/results/*]`,
    path: CHECKS,
    reason:
      'Compensating control: Athena writes each query\'s result under results/<query id>, a name not known in advance; the functions that read ' +
      'events may put (and read back, abort) objects only there, in a bucket of their own whose objects expire after 7 days, SSE-KMS with the ' +
      'reports key through S3 only, queries only in the enforced coding-env-audit workgroup (lib/athena-check-reads.ts; the IAM simulation in ' +
      'test/lib/compliance-automation.test.ts denies every other write).',
  },
  ...(['reports', 'log-reviews'] as const).map((prefix) => ({
    id: `AwsSolutions-IAM5[Resource::${REPORTS_BUCKET}/${prefix}/*]`,
    path: COMPLIANCE,
    reason:
      `Compensating control: each run files under a new ${prefix}/<date>/ prefix, so names are not known in advance; the writer step may only ` +
      's3:PutObject there and officers (compliance-auditors, platform-admins, behind the MFA and network guard) only read, in a bucket under ' +
      'Object Lock COMPLIANCE: no filed record can be overwritten or deleted for six years.',
  })),
  {
    id: 'HIPAA.Security-LambdaConcurrency',
    path: CHECKS,
    reason: `Compensating control: ${AUDIT_FUNCTIONS}. Reserved concurrency would take from the account's unreserved pool and can block deployment in new accounts (default quota 10).`,
  },
  {
    id: 'HIPAA.Security-LambdaDLQ',
    path: CHECKS,
    reason:
      `Compensating control: ${AUDIT_FUNCTIONS}. The check and report functions are invoked synchronously by the state machine, which retries ` +
      'throttling, reports a failed check as "error" and alarms the officers on a failed run; the asynchronous worksheet has its dead-letter queue.',
  },
  {
    id: 'HIPAA.Security-S3BucketReplicationEnabled',
    path: COMPLIANCE,
    reason:
      'Compensating control: both buckets are versioned and retained; filed reports and worksheets are under Object Lock COMPLIANCE for six years ' +
      'and can be regenerated from the six-year trail archive; only auditors and admins may write the register (bucket policy), every edit kept.',
  },
]);

/**
 * The organization run (lib/organization-audit.ts), with `awsOrganization` enabled: the names
 * AWS assigns (member accounts, run folders, child executions) are not known in advance.
 */
export function organizationAcknowledgements(memberRoleName: string): Acknowledgement[] {
  return owned(PLATFORM, [
    {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/coding-env/${memberRoleName}]`,
      path: `${CHECKS}/Organization/Account`,
      reason:
        'Compensating control: the member accounts are not known at synth (accounts join the organization later); sts:AssumeRole only, only on the ' +
        'one member audit role name under the /coding-env/ path, and only where aws:ResourceOrgID is this organization; the member role is ' +
        `read-only and trusts this function's role alone (lib/organization-member-role.ts); ${AUDIT_FUNCTIONS}.`,
    },
    {
      id: `AwsSolutions-IAM5[Resource::${REPORTS_BUCKET}/organization/*]`,
      path: `${CHECKS}/Organization`,
      reason:
        'Compensating control: each organization run files under a new organization/<date>/<run>/ prefix, one folder per account, so names are not ' +
        'known in advance; the per-account and organization report steps may only s3:PutObject there (and read the reports), in a bucket under ' +
        'Object Lock COMPLIANCE: no filed report can be overwritten or deleted for six years.',
    },
    {
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<ComplianceChecksStateMachine98FD031C.Name>/MemberAccounts:*]',
      path: `${CHECKS}/StateMachineMapPolicy`,
      reason:
        "Compensating control: the Distributed Map's child executions are named by Step Functions at run time; DescribeExecution and StopExecution " +
        "only, on this state machine's own MemberAccounts map runs (AWS's documented Distributed Map policy), StartExecution on this state machine alone.",
    },
  ]);
}

/**
 * The acknowledgements every configuration needs: their constructs exist whatever the roster,
 * specialties or options.
 */
export const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [...ENVIRONMENT, ...COMPLIANCE_AUTOMATION];

/** When someone is a compliance auditor: the read-only audit grants of `Access-compliance-auditors` and their Athena queries (`Athena/PeopleQueryPolicy`). */
const AUDITOR_ACCESS: readonly Acknowledgement[] = owned(COMPLIANCE_OFFICER, [
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    path: 'CodingEnv/Identities/Access-compliance-auditors',
    reason:
      'Compensating control: the credential report, GetAccountAuthorizationDetails, cloudtrail:LookupEvents and DescribeTrails have no resource-level ' +
      'permissions (IAM accepts only "*"); the actions are read-only and listed one by one, the group is behind the MFA and network guard, and its ' +
      'membership is reviewed by the privilege-creep check and checklist item 3.',
  },
  {
    id: 'AwsSolutions-IAM5[Resource::<AuditArchiveBucketDB93AD31.Arn>/AWSLogs/*]',
    path: 'CodingEnv/Identities/Access-compliance-auditors',
    reason:
      'Compensating control: auditors must read every trail file CloudTrail writes under AWSLogs/ (names are not known in advance); the grant is ' +
      's3:GetObject only, the archive is Object Lock COMPLIANCE for six years so nothing can be altered or deleted, and the audit key decrypts through S3 only.',
  },  {
    id: 'AwsSolutions-IAM5[Resource::<AuditArchiveBucketDB93AD31.Arn>/AWSLogs/*]',
    path: `${COMPLIANCE}/Athena/PeopleQueryPolicy`,
    reason:
      'Compensating control: officers (compliance-auditors, behind the MFA and network guard) query the six-year trail through Athena, which ' +
      'reads every trail file CloudTrail writes under AWSLogs/ (names not known in advance); s3:GetObject only, the archive is Object Lock ' +
      'COMPLIANCE so nothing can be altered, the audit key decrypts through S3 only, queries only in the enforced coding-env-audit workgroup.',
  },
  {
    id: `AwsSolutions-IAM5[Resource::${ATHENA_RESULTS_BUCKET}/results/*]`,
    path: `${COMPLIANCE}/Athena/PeopleQueryPolicy`,
    reason:
      "Compensating control: Athena writes each officer's query result under results/<query id>, a name not known in advance; officers " +
      '(compliance-auditors, behind the MFA and network guard) may put, read back and abort objects only there, in a bucket of its own whose ' +
      'objects expire after 7 days, SSE-KMS with the reports key through S3 only, queries only in the enforced coding-env-audit workgroup.',
  },
]);

/** When workstations are enabled and someone codes: the AppStream console's listing of stacks and fleets. */
const STREAMING_ACCESS: readonly Acknowledgement[] = owned(PLATFORM, [
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    path: 'CodingEnv/StreamingAccess/Policy',
    reason:
      'Compensating control: appstream:DescribeStacks and DescribeFleets have no resource-level permissions (IAM accepts only "*") and return ' +
      "metadata only; the AppStream console needs them to offer Create streaming URL. They need MFA and a request from this VPC (its AppStream API " +
      'endpoint or the private console), and CreateStreamingURL itself is limited to our stack and fleet (lib/streaming-access.ts).',
  },
]);

/**
 * Per specialty: `coders-<s>` reach `<phi bucket>/<s>/*`. The wildcard is the minimum-necessary
 * boundary itself (object keys are patient records not known in advance).
 */
export function specialtyAcknowledgements(specialty: string): Acknowledgement[] {
  return owned(COMPLIANCE_OFFICER, [
    {
      id: `AwsSolutions-IAM5[Resource::<PhiStoreBucket905526D0.Arn>/${specialty}/*]`,
      path: `CodingEnv/Identities/Access-coders-${specialty}`,
      reason:
        `Compensating control: <bucket>/${specialty}/* is the minimum-necessary boundary (45 CFR 164.502(b), 164.514(d)): coders-${specialty} reach ` +
        'only objects under their specialty prefix, with GetObject, GetObjectVersion and PutObject only (no delete); HIPAA.Coding-PhiMinimumNecessary ' +
        "fails synth if it widens, and every access is a CloudTrail data event the audit's out-of-specialty rule checks.",
    },
  ]);
}

/** Per roster slice (lib/config/roster-slices.ts): its first-password secrets. */
export function rosterSliceAcknowledgements(slice: number): Acknowledgement[] {
  const path = `CodingEnv/Identities/${sliceConstructId(slice)}/FirstPasswords`;
  return owned(PLATFORM, [
    { id: 'AwsSolutions-SMG4', path, reason: FIRST_PASSWORD },
    { id: 'HIPAA.Security-SecretsManagerRotationEnabled', path, reason: FIRST_PASSWORD },
  ]);
}

/** When someone is a platform admin and anyone has a first password: admins read them by name pattern. */
const ADMIN_FIRST_PASSWORDS: readonly Acknowledgement[] = owned(PLATFORM, [
  {
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:coding-env/*/first-password-??????]',
    path: 'CodingEnv/Identities/Access-platform-admins',
    reason:
      'Compensating control: admins hand over first passwords, one secret per person named coding-env/<id>/first-password; one ARN per person would ' +
      'outgrow the 6,144-character policy long before 5,000 people. The pattern matches only first-password secrets, which IAM forces to be changed ' +
      'at first sign-in, read-only (GetSecretValue, DescribeSecret), behind the MFA and network guard; every read is a CloudTrail management event.',
  },
]);

/**
 * The acknowledgements of the environment built from `config` as of `asOf` (who is active decides
 * which groups exist): the fixed list, the auditors' grants, one per staffed specialty.
 */
export function acknowledgementsFor(config: CodingEnvConfig, asOf: string): Acknowledgement[] {
  const groups = new Set(staffedGroups(config, asOf));
  const slices = [...slicesOf(activePeople(config, asOf).map((p) => p.id)).keys()];
  return [
    ...ACKNOWLEDGEMENTS,
    ...slices.flatMap(rosterSliceAcknowledgements),
    ...(groups.has(GROUP_ADMINS) && slices.length > 0 ? ADMIN_FIRST_PASSWORDS : []),
    ...(groups.has(GROUP_AUDITORS) ? AUDITOR_ACCESS : []),
    ...config.specialties.filter((s) => groups.has(coderGroupName(s))).flatMap(specialtyAcknowledgements),
    ...(config.workstations.enabled && config.specialties.some((s) => groups.has(coderGroupName(s))) ? STREAMING_ACCESS : []),
    ...(config.awsOrganization.enabled ? organizationAcknowledgements(config.awsOrganization.memberRoleName) : []),
  ];
}
