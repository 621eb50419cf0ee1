import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Aws, BootstraplessSynthesizer, CfnOutput, CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { MEMBER_ROLE_PATH } from './config/aws-organization';

export interface OrganizationMemberRoleProps {
  /** The role's name in every member account (config `awsOrganization.memberRoleName`). */
  readonly roleName: string;
  /** The organization (`o-...`): only its principals may assume the role. */
  readonly organizationId: string;
  /** The audit account, where the check functions run. */
  readonly auditAccountId: string;
  /** The one role in the audit account that may assume this one: the per-account check function's. */
  readonly auditorRoleArn: string;
  /**
   * @default MEMBER_ROLE_PATH
   */
  readonly path?: string;
}

/**
 * The read-only audit role in a member account: what the per-account run reads (the IAM
 * credential report and authorization details, CloudTrail's management events and trails, and
 * the account's own trail files under `AWSLogs/`), nothing else. No AWS managed policy: its one
 * customer-managed policy lists every action. Trusted only by the audit account's per-account
 * check role (`aws:PrincipalArn`), and only from inside the organization (`aws:PrincipalOrgID`).
 */
export class OrganizationMemberRole extends Construct {
  public readonly role: iam.Role;
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: OrganizationMemberRoleProps) {
    super(scope, id);
    const auditAccount = new iam.ArnPrincipal(`arn:${Aws.PARTITION}:iam::${props.auditAccountId}:root`).withConditions({
      ArnEquals: { 'aws:PrincipalArn': props.auditorRoleArn },
      StringEquals: { 'aws:PrincipalOrgID': props.organizationId },
    });
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      path: props.path ?? MEMBER_ROLE_PATH,
      assumedBy: auditAccount,
      description: 'coding-env audit: read-only access for the scheduled compliance run of the audit account',
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      roles: [this.role],
      description: 'coding-env audit: the IAM reports, CloudTrail events and this account’s own trail files, read-only',
      statements: memberReadStatements(),
    });
  }
}

/**
 * What the per-account run reads in a member account, read-only. IAM's reports and CloudTrail's
 * LookupEvents/DescribeTrails have no resource-level permissions; trail files are read only
 * under `AWSLogs/` of this account's own buckets, their key used only through S3.
 */
export function memberReadStatements(): iam.PolicyStatement[] {
  const ownAccount = { 'aws:ResourceAccount': Aws.ACCOUNT_ID };
  return [
    new iam.PolicyStatement({
      sid: 'IamReports',
      actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'iam:GetAccountAuthorizationDetails'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({ sid: 'CloudTrailEvents', actions: ['cloudtrail:LookupEvents', 'cloudtrail:DescribeTrails'], resources: ['*'] }),
    new iam.PolicyStatement({
      sid: 'ListOwnTrailFiles',
      actions: ['s3:ListBucket'],
      resources: [`arn:${Aws.PARTITION}:s3:::*`],
      conditions: { StringEquals: ownAccount, StringLike: { 's3:prefix': ['AWSLogs/*', '*/AWSLogs/*'] } },
    }),
    new iam.PolicyStatement({
      sid: 'ReadOwnTrailFiles',
      actions: ['s3:GetObject'],
      resources: [`arn:${Aws.PARTITION}:s3:::*/AWSLogs/*`],
      conditions: { StringEquals: ownAccount },
    }),
    new iam.PolicyStatement({
      sid: 'DecryptTrailFilesThroughS3',
      actions: ['kms:Decrypt'],
      resources: [`arn:${Aws.PARTITION}:kms:*:${Aws.ACCOUNT_ID}:key/*`],
      conditions: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } },
    }),
  ];
}

/** The StackSet's parameters: the audit account and its per-account check role, set by the audit stack. */
export const MEMBER_TEMPLATE_PARAMETERS = { auditAccountId: 'AuditAccountId', auditorRoleArn: 'AuditorRoleArn' } as const;

/**
 * The member stack's CloudFormation template, synthesized from `OrganizationMemberRole` in an
 * app of its own: member accounts are not CDK-bootstrapped, so no bootstrap version check and no
 * assets; the audit account and role arrive as parameters from the StackSet.
 */
export function memberRoleTemplate(props: Pick<OrganizationMemberRoleProps, 'roleName' | 'organizationId' | 'path'>): Record<string, unknown> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'coding-env-member-'));
  try {
    const app = new App({ outdir, analyticsReporting: false });
    const stack = new Stack(app, 'CodingEnvAuditMember', { synthesizer: new BootstraplessSynthesizer(), analyticsReporting: false });
    const auditAccountId = new CfnParameter(stack, MEMBER_TEMPLATE_PARAMETERS.auditAccountId, {
      type: 'String',
      allowedPattern: '^\\d{12}$',
      description: 'The audit account (where the coding environment runs its scheduled checks)',
    });
    const auditorRoleArn = new CfnParameter(stack, MEMBER_TEMPLATE_PARAMETERS.auditorRoleArn, {
      type: 'String',
      allowedPattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/.+$',
      description: "The audit account's per-account check role, the only principal trusted",
    });
    const member = new OrganizationMemberRole(stack, 'AuditRole', { ...props, auditAccountId: auditAccountId.valueAsString, auditorRoleArn: auditorRoleArn.valueAsString });
    new CfnOutput(stack, 'AuditRoleArn', { value: member.role.roleArn, description: 'The read-only audit role' });
    return app.synth().getStackArtifact(stack.artifactId).template as Record<string, unknown>;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
