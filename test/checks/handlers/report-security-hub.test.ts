import { IAMClient } from '@aws-sdk/client-iam';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { renderReportPdf } from '../../../checks/report/pdf';
import { lambdaTaskRoot, RECORDS_ENV, REPORT_EVENT, serveIam, serveRegisterBucket } from './fake-aws';

// The printer is the Chromium layer's: here it is stood in for, so no browser starts.
jest.mock('../../../checks/report/pdf', () => ({ renderReportPdf: jest.fn() }));
jest.mocked(renderReportPdf).mockResolvedValue(Buffer.from('%PDF-1.7 printed by the layer'));

const iam = mockClient(IAMClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const hub = mockClient(SecurityHubClient);

const PRODUCT_ARN = 'arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default';
/** The report function's environment with the import on (synthesized with `-c securityHubImport=true`): read when the module loads. */
const ENV = {
  LAMBDA_TASK_ROOT: lambdaTaskRoot(),
  AWS_REGION: 'us-gov-west-1',
  ...RECORDS_ENV,
  REPORTS_BUCKET: 'codingenv-reports-bucket',
  REPORTS_PREFIX: 'reports/',
  TOPIC_ARN: 'arn:aws-us-gov:sns:us-gov-west-1:111122223333:CodingEnv-Compliance',
  CHROMIUM_BIN_DIR: '/opt/chromium-layer/bin',
  SECURITY_HUB_IMPORT: 'true',
  SECURITY_HUB_PRODUCT_ARN: PRODUCT_ARN,
};

const event = REPORT_EVENT;

const saved = { ...process.env };
beforeAll(() => {
  process.env = { ...saved, ...ENV };
});
afterAll(() => {
  process.env = saved;
});
beforeEach(() => {
  serveIam(iam);
  serveRegisterBucket(s3);
  s3.on(ListObjectsV2Command, { Bucket: ENV.REPORTS_BUCKET }).resolves({ Contents: [], IsTruncated: false });
  s3.on(PutObjectCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: unknown[] }) => ({ FailedCount: 0, SuccessCount: input.Findings.length }));
});

describe('the report function with the Security Hub import on', () => {
  test('the product ARN from the environment: the findings are imported to its account and region after the report is filed, the counts in the result', async () => {
    const { handler } = (await import('../../../checks/handlers/report')) as { handler: (e: unknown) => Promise<unknown> };
    const result = await handler(event);

    expect(result).toMatchObject({ files: ['report.json', 'report.md', 'report.html', 'report.ocsf.json', 'report.pdf'], securityHub: { attempted: 1, imported: 1, failed: [] } });
    const [call] = hub.commandCalls(BatchImportFindingsCommand);
    expect(call.args[0].input.Findings?.[0]).toMatchObject({ ProductArn: PRODUCT_ARN, AwsAccountId: '111122223333', Region: 'us-gov-west-1', GeneratorId: 'coding-env/privilege-creep/excess-group' });
    expect(String(sns.commandCalls(PublishCommand).at(-1)?.args[0].input.Message)).toContain('Security Hub: 1 of 1 findings imported');
  });
});
