import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { TrailArchiveSource } from './audit-read-grants';
import { secureBucketProps } from './secure-bucket';

import { ATHENA_NAMES } from '../checks/athena/names';

export { ATHENA_NAMES };

/** Regions a trail delivers to (the table's `region` partition values): every commercial region. */
export const TRAIL_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2', 'ap-southeast-1',
  'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ap-northeast-1', 'ap-northeast-2',
  'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
] as const;

export interface AuditAthenaProps {
  /** The trail's archive (bucket and key). */
  readonly archive: TrailArchiveSource;
  /** Key encrypting query results (they hold PHI object keys). */
  readonly resultsKey: kms.IKey;
  /** Bucket receiving the results bucket's S3 server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * The AWS Organizations id (`o-...`) when the archive holds an organization trail
   * (`AWSLogs/o-xxx/<account>/CloudTrail/...`).
   * @default the account trail layout, `AWSLogs/<account>/CloudTrail/...`
   */
  readonly organizationId?: string;
  /**
   * First day of the `day` partition projection, `yyyy/MM/dd`.
   * @default '2020/01/01'
   */
  readonly firstDay?: string;
  /**
   * Most bytes one query may scan before Athena cancels it; the client reports such a query as
   * an `error` of the evidence, never as a quiet result.
   * @default 100 GiB
   */
  readonly bytesScannedCutoffPerQuery?: number;
  /**
   * Days after which query results expire.
   * @default 7
   */
  readonly resultsExpireAfterDays?: number;
}

/**
 * Athena over the six-year archive: the Glue database `coding_env_audit`, the table `cloudtrail`
 * over the trail's prefix with partition projection on account (injected: every query names
 * its accounts), region and day (no crawler, no ALTER TABLE ADD PARTITION), and the workgroup
 * `coding-env-audit` whose settings callers cannot override: KMS-encrypted results in a bucket
 * where they expire, engine v3, and a cap on bytes scanned per query. Follows AWS's documented
 * CloudTrail DDL with partition projection.
 */
export class AuditAthena extends Construct {
  public readonly resultsBucket: s3.Bucket;
  public readonly database: glue.CfnDatabase;
  public readonly table: glue.CfnTable;
  public readonly workGroup: athena.CfnWorkGroup;
  /** The workgroup's per-query cap, in bytes: the check functions name a query it cancelled. */
  public readonly bytesScannedCutoffPerQuery: number;
  private readonly resultsKey: kms.IKey;
  private readonly archive: TrailArchiveSource;

  constructor(scope: Construct, id: string, props: AuditAthenaProps) {
    super(scope, id);
    const firstDay = props.firstDay ?? '2020/01/01';
    if (!/^\d{4}\/\d{2}\/\d{2}$/.test(firstDay)) throw new Error(`AuditAthena: firstDay must be yyyy/MM/dd, got ${JSON.stringify(firstDay)}`);
    if (props.organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(props.organizationId)) {
      throw new Error(`AuditAthena: organizationId must be an AWS Organizations id (o-...), got ${JSON.stringify(props.organizationId)}`);
    }
    const cutoff = props.bytesScannedCutoffPerQuery ?? 100 * 1024 ** 3;
    // Athena's own floor for the cutoff is 10 MB.
    if (!Number.isInteger(cutoff) || cutoff < 10_000_000) throw new Error(`AuditAthena: bytesScannedCutoffPerQuery must be a whole number of at least 10000000, got ${cutoff}`);
    this.resultsKey = props.resultsKey;
    this.archive = props.archive;
    this.bytesScannedCutoffPerQuery = cutoff;

    this.resultsBucket = new s3.Bucket(this, 'Results', {
      ...secureBucketProps({ encryptionKey: props.resultsKey, accessLogsBucket: props.accessLogsBucket, accessLogsPrefix: 'athena-results/' }),
      // Results are working copies of what the archive holds: they expire, the archive does not.
      lifecycleRules: [
        {
          id: 'results-expire',
          expiration: Duration.days(props.resultsExpireAfterDays ?? 7),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: ATHENA_NAMES.database, description: 'Coding environment audit: the CloudTrail archive, read by coding-env --athena' },
    });

    const bucket = props.archive.bucket.bucketName;
    const root = props.organizationId === undefined ? `s3://${bucket}/AWSLogs` : `s3://${bucket}/AWSLogs/${props.organizationId}`;
    this.table = new glue.CfnTable(this, 'Table', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: ATHENA_NAMES.database,
      tableInput: {
        name: ATHENA_NAMES.table,
        description: 'CloudTrail log files of the audit archive (partition projection: account, region, day)',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [
          { name: 'account', type: 'string' },
          { name: 'region', type: 'string' },
          { name: 'day', type: 'string' },
        ],
        parameters: {
          EXTERNAL: 'TRUE',
          classification: 'cloudtrail',
          'projection.enabled': 'true',
          'projection.account.type': 'injected',
          'projection.region.type': 'enum',
          'projection.region.values': TRAIL_REGIONS.join(','),
          'projection.day.type': 'date',
          'projection.day.format': 'yyyy/MM/dd',
          'projection.day.range': `${firstDay},NOW`,
          'projection.day.interval': '1',
          'projection.day.interval.unit': 'DAYS',
          'storage.location.template': `${root}/\${account}/CloudTrail/\${region}/\${day}`,
        },
        storageDescriptor: {
          location: `${root}/`,
          inputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: { serializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe' },
          columns: CLOUDTRAIL_COLUMNS.map(([name, type]) => ({ name, type })),
        },
      },
    });
    this.table.node.addDependency(this.database);

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: ATHENA_NAMES.workGroup,
      description: 'Coding environment audit queries over the CloudTrail archive',
      state: 'ENABLED',
      // Results hold PHI object keys: the workgroup is removed only with its results gone.
      recursiveDeleteOption: false,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: cutoff,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: this.resultsBucket.s3UrlForObject('results/'),
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: props.resultsKey.keyArn },
          expectedBucketOwner: Aws.ACCOUNT_ID,
          aclConfiguration: { s3AclOption: 'BUCKET_OWNER_FULL_CONTROL' },
        },
      },
    });
  }

  /** The workgroup's ARN. */
  get workGroupArn(): string {
    return Stack.of(this).formatArn({ service: 'athena', resource: 'workgroup', resourceName: ATHENA_NAMES.workGroup });
  }

  /**
   * What a check function needs to run its queries, and nothing more: start, watch, read and
   * stop queries in this workgroup only; read the database, the table and its partitions; read
   * the archive (and decrypt it through S3); write and read results only under `results/`.
   */
  queryStatements(): iam.PolicyStatement[] {
    const stack = Stack.of(this);
    const glueArn = (resource: string, name?: string) => stack.formatArn({ service: 'glue', resource, ...(name ? { resourceName: name } : {}) });
    const results = this.resultsBucket;
    return [
      new iam.PolicyStatement({
        actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution'],
        resources: [this.workGroupArn],
      }),
      new iam.PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
        resources: [glueArn('catalog'), glueArn('database', ATHENA_NAMES.database), glueArn('table', `${ATHENA_NAMES.database}/${ATHENA_NAMES.table}`)],
      }),
      new iam.PolicyStatement({ actions: ['s3:GetBucketLocation', 's3:ListBucket'], resources: [this.archive.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': ['AWSLogs/*'] } } }),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.archive.bucket.arnForObjects('AWSLogs/*')] }),
      new iam.PolicyStatement({ actions: ['s3:GetBucketLocation', 's3:ListBucket'], resources: [results.bucketArn], conditions: { StringLike: { 's3:prefix': ['results/*'] } } }),
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [results.arnForObjects('results/*')],
      }),
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [this.archive.key.keyArn],
        conditions: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } },
      }),
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.resultsKey.keyArn],
        conditions: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } },
      }),
    ];
  }

  /** Attaches `queryStatements` to a role (a check function's), as one customer managed policy. */
  grantQuery(role: iam.IRole, id = 'AthenaQueryPolicy'): iam.ManagedPolicy {
    return new iam.ManagedPolicy(this, id, {
      description: 'Run the audit queries in the coding-env-audit workgroup only (read-only over the archive)',
      roles: [role],
      statements: this.queryStatements(),
    });
  }

  /** The same rights for a group of people (the officers running `--athena` and `investigate --athena`); their guard policy still applies. */
  grantQueryToGroup(group: iam.IGroup, id = 'PeopleQueryPolicy'): iam.ManagedPolicy {
    return new iam.ManagedPolicy(this, id, {
      description: 'Officers: run the audit queries in the coding-env-audit workgroup only (read-only over the archive)',
      groups: [group],
      statements: this.queryStatements(),
    });
  }
}

/**
 * The columns of AWS's documented CloudTrail table, lower case as Athena reads them; the
 * request and response payloads stay JSON strings (read with json_extract_scalar).
 */
export const CLOUDTRAIL_COLUMNS: readonly (readonly [string, string])[] = [
  ['eventversion', 'string'],
  [
    'useridentity',
    'struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,username:string,onbehalfof:struct<userid:string,identitystorearn:string>,sessioncontext:struct<attributes:struct<mfaauthenticated:string,creationdate:string>,sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>,ec2roledelivery:string,webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>,sourceidentity:string>,credentialid:string>',
  ],
  ['eventtime', 'string'],
  ['eventsource', 'string'],
  ['eventname', 'string'],
  ['awsregion', 'string'],
  ['sourceipaddress', 'string'],
  ['useragent', 'string'],
  ['errorcode', 'string'],
  ['errormessage', 'string'],
  ['requestparameters', 'string'],
  ['responseelements', 'string'],
  ['additionaleventdata', 'string'],
  ['requestid', 'string'],
  ['eventid', 'string'],
  ['readonly', 'string'],
  ['resources', 'array<struct<arn:string,accountid:string,type:string>>'],
  ['eventtype', 'string'],
  ['apiversion', 'string'],
  ['recipientaccountid', 'string'],
  ['serviceeventdetails', 'string'],
  ['sharedeventid', 'string'],
  ['vpcendpointid', 'string'],
  ['vpcendpointaccountid', 'string'],
  ['eventcategory', 'string'],
  ['tlsdetails', 'struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>'],
];
