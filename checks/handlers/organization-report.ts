import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { bundledConfig } from './bundled-config';
import { windowDays } from './check-run';
import { requireEnv } from './environment';
import { writeOrganizationReport } from './organization-report-step';

const clients = { s3: new S3Client(SDK_OPTIONS), sns: new SNSClient(SDK_OPTIONS) };

export const handler = (event: unknown) =>
  writeOrganizationReport(event, {
    ...clients,
    config: bundledConfig(),
    windowDays: windowDays(),
    reportsBucket: requireEnv('REPORTS_BUCKET'),
    reportsPrefix: requireEnv('REPORTS_PREFIX'),
    organizationPrefix: requireEnv('ORGANIZATION_PREFIX'),
    topicArn: requireEnv('TOPIC_ARN'),
    homeAccount: requireEnv('HOME_ACCOUNT_ID'),
  });
