import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { bundledConfig } from './bundled-config';
import { windowDays } from './check-run';
import { requireEnv } from './environment';
import { writeScheduledReport } from './report-step';
import { securityHubTargetFromEnv } from './security-hub-env';

const clients = { iam: new IAMClient(SDK_OPTIONS), s3: new S3Client(SDK_OPTIONS), sns: new SNSClient(SDK_OPTIONS) };
const hubTarget = securityHubTargetFromEnv();
const securityHub = hubTarget ? { client: new SecurityHubClient(SDK_OPTIONS), target: hubTarget } : undefined;

export const handler = (event: unknown) =>
  writeScheduledReport(event, {
    ...clients,
    config: bundledConfig(),
    windowDays: windowDays(),
    registerBucket: requireEnv('REGISTER_BUCKET'),
    registerKey: requireEnv('REGISTER_KEY'),
    reportsBucket: requireEnv('REPORTS_BUCKET'),
    reportsPrefix: requireEnv('REPORTS_PREFIX'),
    topicArn: requireEnv('TOPIC_ARN'),
    ...(securityHub ? { securityHub } : {}),
  });
