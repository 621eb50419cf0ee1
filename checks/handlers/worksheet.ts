import { SNSClient } from '@aws-sdk/client-sns';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { bundledConfig } from './bundled-config';
import { requireEnv } from './environment';
import { eventSources } from './event-check';
import { writeWeeklyWorksheet } from './worksheet-step';

const sources = eventSources();
const sns = new SNSClient(SDK_OPTIONS);

export const handler = () =>
  writeWeeklyWorksheet({
    config: bundledConfig(),
    sources,
    s3: sources.s3,
    sns,
    reportsBucket: requireEnv('REPORTS_BUCKET'),
    worksheetsPrefix: requireEnv('WORKSHEETS_PREFIX'),
    topicArn: requireEnv('TOPIC_ARN'),
    records: { bucket: requireEnv('REGISTER_BUCKET'), registerKey: requireEnv('REGISTER_KEY') },
  });
