import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { bundledConfig } from './bundled-config';
import { windowDays } from './check-run';
import { requireEnv } from './environment';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUNDLED_CONFIG_FILE } from '../../lib/config/load';
import { renderReportPdf } from '../report/pdf';
import { sha256Hex } from '../report/scope';
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
    // One browser per run: Lambda's Chromium runs single-process, one page at a time.
    renderPdf: (report) => renderReportPdf(report, { binDir: requireEnv('CHROMIUM_BIN_DIR') }),
    configSha256: sha256Hex(readFileSync(path.join(process.env.LAMBDA_TASK_ROOT ?? __dirname, BUNDLED_CONFIG_FILE))),
    runBy: `lambda:${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'report'}`,
    ...(securityHub ? { securityHub } : {}),
  });
