import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { BUNDLED_CONFIG_FILE } from '../../lib/config/load';
import type { AwsClients } from '../collect/clients';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { sha256Hex } from '../report/scope';
import { bundledConfig } from './bundled-config';
import { windowDays } from './check-run';
import { requireEnv } from './environment';
import { auditMemberAccount } from './organization-account-step';

const own = { sts: new STSClient(SDK_OPTIONS), s3: new S3Client(SDK_OPTIONS) };

/** IAM, CloudTrail and S3 clients signed with one member account's role session. */
function memberClients(credentials: AwsCredentialIdentity): AwsClients {
  const trails = new Map<string, CloudTrailClient>();
  return {
    iam: new IAMClient({ ...SDK_OPTIONS, credentials }),
    s3: new S3Client({ ...SDK_OPTIONS, credentials }),
    cloudTrail(region) {
      const client = trails.get(region) ?? new CloudTrailClient({ ...SDK_OPTIONS, region, credentials });
      trails.set(region, client);
      return client;
    },
  };
}

export const handler = (event: unknown) =>
  auditMemberAccount(event, {
    ...own,
    config: bundledConfig(),
    memberClients,
    memberRoleArn: (account) => `arn:${requireEnv('PARTITION')}:iam::${account}:role${requireEnv('MEMBER_ROLE_PATH')}${requireEnv('MEMBER_ROLE_NAME')}`,
    regions: requireEnv('AUDIT_REGIONS').split(',').map((r) => r.trim()).filter(Boolean),
    windowDays: windowDays(),
    registerBucket: requireEnv('REGISTER_BUCKET'),
    registerKey: requireEnv('REGISTER_KEY'),
    reportsBucket: requireEnv('REPORTS_BUCKET'),
    organizationPrefix: requireEnv('ORGANIZATION_PREFIX'),
    configSha256: sha256Hex(readFileSync(path.join(process.env.LAMBDA_TASK_ROOT ?? __dirname, BUNDLED_CONFIG_FILE))),
    runBy: `lambda:${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'organization-account'}`,
  });
