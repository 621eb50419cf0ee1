import { Aws, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { activePeople, coderGroupName, GROUP_ADMINS, GROUP_AUDITORS, groupsFor, staffedGroups } from './config/roster';
import type { CodingEnvConfig } from './config/schema';
import { PeopleGuardPolicy } from './people-guard-policy';
import { MAX_PEOPLE_PER_SLICE, sliceConstructId, slicesOf } from './config/roster-slices';
import { RosterSlice } from './roster-slice';

export { NOT_IAM_SYMBOLS } from './roster-slice';

/** Default prefix of the first-password secrets' names. */
export const FIRST_PASSWORD_PREFIX = 'coding-env';

export interface IdentitiesProps {
  /** The organisation's config: roster, specialties, allowed source addresses. */
  readonly config: CodingEnvConfig;
  /** As-of date (YYYY-MM-DD): people departed on or before it get no user. */
  readonly asOf: string;
  /** The PHI bucket; `coders-<s>` reach `<s>/*` in it. */
  readonly phiBucket: s3.IBucket;
  /** The PHI key, usable by coders only through S3. */
  readonly phiKey: kms.IKey;
  /** The trail's archive, readable by compliance auditors. */
  readonly auditBucket: s3.IBucket;
  /** The audit key, usable by compliance auditors only through S3. */
  readonly auditKey: kms.IKey;
  /** Key encrypting the generated first passwords. */
  readonly secretsKey: kms.IKey;
  /**
   * Public addresses of the VPC's egress (the NAT's Elastic IP), allowed by the guard besides
   * `network.allowedSourceCidrs`.
   * @default []
   */
  readonly egressPublicIps?: readonly string[];
  /** This stack's VPC and its VPC endpoints: the only network paths the guard lets people's requests through besides `egressPublicIps` and `allowedSourceCidrs`. */
  readonly network: { readonly vpcId: string; readonly endpointIds: readonly string[] };
  /**
   * Prefix of the first-password secrets' names (`<prefix>/<person id>/first-password`).
   * @default 'coding-env'
   */
  readonly secretPrefix?: string;
}

/**
 * People and their access (CONTRACT §2): one IAM user per active person, named by id, whose
 * only permissions come from the groups their role and specialties give; every group carries
 * the guard policy. First console passwords are generated into Secrets Manager and must be
 * changed at first sign-in; no access keys.
 */
export class Identities extends Construct {
  /** Groups by name. */
  public readonly groups: ReadonlyMap<string, iam.Group>;
  /** Users by person id. */
  public readonly users: ReadonlyMap<string, iam.User>;
  /** First-password secrets by person id. */
  public readonly firstPasswords: ReadonlyMap<string, secretsmanager.ISecret>;
  /** The nested stacks holding the users and secrets. */
  public readonly slices: readonly RosterSlice[];
  public readonly guard: PeopleGuardPolicy;

  constructor(scope: Construct, id: string, props: IdentitiesProps) {
    super(scope, id);
    const { config } = props;
    const prefix = props.secretPrefix ?? FIRST_PASSWORD_PREFIX;

    // Only groups someone active is in: an empty group grants nothing and only clutters reviews.
    const groups = new Map(staffedGroups(config, props.asOf).map((name) => [name, new iam.Group(this, `Group-${name}`, { groupName: name })]));
    this.groups = groups;
    const group = (name: string) => {
      const g = groups.get(name);
      if (g === undefined) throw new Error(`Identities: no group ${name}`);
      return g;
    };

    // Each group's permissions are one customer managed policy (versioned, reviewable), never inline.
    for (const specialty of config.specialties) {
      const coders = groups.get(coderGroupName(specialty));
      if (coders) this.access(coders, specialtyStatements(specialty, props));
    }
    const auditors = groups.get(GROUP_AUDITORS);
    if (auditors) this.access(auditors, auditorStatements(props));

    this.guard = new PeopleGuardPolicy(this, 'Guard', {
      allowedSourceCidrs: config.network.allowedSourceCidrs,
      egressPublicIps: props.egressPublicIps,
      vpcId: props.network.vpcId,
      endpointIds: props.network.endpointIds,
      groups: [...groups.values()],
    });

    // What each Secret would add to the key policy, once for all (the slices import the key, lib/roster-slice.ts).
    if (activePeople(config, props.asOf).length > 0) grantSecretsManagerUse(props.secretsKey);

    // Users and first passwords in nested stacks, a stable slice per person (CloudFormation's 500 resources per stack).
    const users = new Map<string, iam.User>();
    const secrets = new Map<string, secretsmanager.ISecret>();
    const active = new Map(activePeople(config, props.asOf).map((p) => [p.id, p]));
    const slices: RosterSlice[] = [];
    for (const [n, ids] of slicesOf([...active.keys()])) {
      if (ids.length > MAX_PEOPLE_PER_SLICE) throw new Error(`Identities: roster slice ${n} would hold ${ids.length} people (at most ${MAX_PEOPLE_PER_SLICE})`);
      const slice = new RosterSlice(this, sliceConstructId(n), {
        description: `People of ${Stack.of(this).stackName}, roster slice ${n}`,
        people: ids.map((id) => ({ person: active.get(id)!, groups: groupsFor(active.get(id)!) })),
        secretsKey: props.secretsKey,
        secretPrefix: prefix,
      });
      // Users are put in groups by name: the groups must exist first.
      for (const name of new Set(ids.flatMap((id) => groupsFor(active.get(id)!)))) slice.nestedStackResource?.node.addDependency(group(name));
      slice.users.forEach((u, id) => users.set(id, u));
      slice.firstPasswords.forEach((s, id) => secrets.set(id, s));
      slices.push(slice);
    }
    this.users = users;
    this.firstPasswords = secrets;
    this.slices = slices;

    const admins = groups.get(GROUP_ADMINS);
    if (admins) this.access(admins, adminStatements(this, prefix, secrets.size > 0, props.secretsKey));
  }

  /** The group's customer managed policy `Access-<group>`. */
  private access(group: iam.Group, statements: iam.PolicyStatement[]): iam.ManagedPolicy {
    return new iam.ManagedPolicy(this, `Access-${group.node.id.replace(/^Group-/, '')}`, {
      description: `What members of ${group.node.id.replace(/^Group-/, '')} may do (besides the guard)`,
      statements,
      groups: [group],
    });
  }
}

/** `coders-<s>`: read and write objects under `<s>/` only, list only that prefix, PHI key via S3 only. */
function specialtyStatements(specialty: string, props: IdentitiesProps): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'ReadWriteOwnSpecialtyObjects',
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
      resources: [props.phiBucket.arnForObjects(`${specialty}/*`)],
    }),
    new iam.PolicyStatement({
      sid: 'ListOwnSpecialtyPrefix',
      actions: ['s3:ListBucket'],
      resources: [props.phiBucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${specialty}/*`] } },
    }),
    viaS3(props.phiKey, ['kms:Decrypt', 'kms:GenerateDataKey'], 'UsePhiKeyThroughS3Only'),
  ];
}

/** `compliance-auditors`: what the audit reads (CONTRACT §3-§4), read-only. */
function auditorStatements(props: IdentitiesProps): iam.PolicyStatement[] {
  return [
    // These actions have no resource-level permissions: IAM accepts only "*".
    new iam.PolicyStatement({
      sid: 'ReadIdentityEvidence',
      actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'iam:GetAccountAuthorizationDetails'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'ReadTrail',
      actions: ['cloudtrail:LookupEvents', 'cloudtrail:DescribeTrails'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'ListAuditArchive',
      actions: ['s3:ListBucket'],
      resources: [props.auditBucket.bucketArn],
    }),
    // Trail files only (CloudTrail writes under AWSLogs/), read-only.
    new iam.PolicyStatement({
      sid: 'ReadTrailFiles',
      actions: ['s3:GetObject'],
      resources: [props.auditBucket.arnForObjects('AWSLogs/*')],
    }),
    viaS3(props.auditKey, ['kms:Decrypt'], 'UseAuditKeyThroughS3Only'),
  ];
}

/**
 * `platform-admins`: deploy through the CDK bootstrap roles (which hold the deploy rights, so
 * no person does) and read the first passwords to hand them over.
 */
function adminStatements(scope: Construct, prefix: string, anySecrets: boolean, secretsKey: kms.IKey): iam.PolicyStatement[] {
  const statements = [
    new iam.PolicyStatement({
      sid: 'AssumeCdkBootstrapRoles',
      actions: ['sts:AssumeRole'],
      resources: cdkBootstrapRoleArns(scope),
    }),
  ];
  if (!anySecrets) return statements;
  statements.push(
    // By name pattern: one ARN per person would outgrow a policy (6,144 characters) long before 5,000 people.
    new iam.PolicyStatement({
      sid: 'ReadFirstPasswords',
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [firstPasswordArnPattern(prefix)],
    }),
    new iam.PolicyStatement({
      sid: 'UseSecretsKeyThroughSecretsManagerOnly',
      actions: ['kms:Decrypt'],
      resources: [secretsKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` } },
    }),
  );
  return statements;
}

/** Every first-password secret (Secrets Manager appends six random characters to the name). */
export function firstPasswordArnPattern(prefix: string): string {
  return `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${prefix}/*/first-password-??????`;
}

/** The roles `cdk bootstrap` creates in this account and region (qualifier from context, else CDK's default). */
export const CDK_BOOTSTRAP_ROLES = ['deploy-role', 'file-publishing-role', 'image-publishing-role', 'lookup-role'] as const;

function cdkBootstrapRoleArns(scope: Construct): string[] {
  const qualifier: unknown = scope.node.tryGetContext('@aws-cdk/core:bootstrapQualifier');
  const q = typeof qualifier === 'string' ? qualifier : DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return CDK_BOOTSTRAP_ROLES.map((role) => `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/cdk-${q}-${role}-${Aws.ACCOUNT_ID}-${Aws.REGION}`);
}

/** Secrets Manager may use the secrets key for this account's secrets (what CDK's Secret grants per secret). */
function grantSecretsManagerUse(key: kms.IKey): void {
  const viaSecretsManager = { StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` } };
  const account = new iam.AccountRootPrincipal();
  key.addToResourcePolicy(
    new iam.PolicyStatement({ principals: [account], actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'], resources: ['*'], conditions: viaSecretsManager }),
  );
  key.addToResourcePolicy(new iam.PolicyStatement({ principals: [account], actions: ['kms:CreateGrant', 'kms:DescribeKey'], resources: ['*'], conditions: viaSecretsManager }));
}

function viaS3(key: kms.IKey, actions: string[], sid: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    actions,
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
  });
}
