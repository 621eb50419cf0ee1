import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { main } from '../../../checks/cli/main';
import { type Report, reportSchema } from '../../../checks/report-model';
import { serveAthenaExample } from '../athena-fake';
import { fastRetriesAndSmallCaps, type Mocks, mocks, serveHealthy } from '../live-faults';

// `audit --live` / `--athena` in-process against the healthy example account (111122223333),
// as of 2026-11-20 with the example register. Call once at a test file's top level: it adds
// the hooks that serve the account afresh for each test and collect what the CLI writes to stderr.
export interface AuditHarness {
  readonly m: Mocks;
  readonly athena: AwsClientStub<AthenaClient>;
  readonly sts: AwsClientStub<STSClient>;
  /** What the CLI wrote to stderr in this test. */
  readonly stderr: string[];
  /** The folder the runs write under. */
  out(): string;
  /** One audit with these source options (and any others), each run in a folder of its own. */
  audit(source: string[], extra?: string[]): Promise<{ code: number; report: Report }>;
}

export function auditHarness(prefix: string): AuditHarness {
  const m = mocks();
  const athena = mockClient(AthenaClient);
  const sts = mockClient(STSClient);
  const stderr: string[] = [];
  let out = '';
  let run = 0;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), prefix));
    process.env.AWS_REGION = 'us-east-1';
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  beforeEach(() => {
    serveHealthy(m);
    athena.reset();
    sts.reset();
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/hmartin' });
    serveAthenaExample(athena);
    fastRetriesAndSmallCaps();
    stderr.length = 0;
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  return {
    m,
    athena,
    sts,
    stderr,
    out: () => out,
    async audit(source, extra = []) {
      const dir = join(out, `run-${(run += 1)}`);
      const args = ['audit', '--config', 'config/coding-env.json', ...source, '--register', 'test/fixtures/register/example.json', '--as-of', '2026-11-20T12:00:00Z', '--out', dir, ...extra];
      const code = await main(args, new Date('2026-11-20T12:05:00Z'));
      return { code, report: reportSchema.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))) };
    },
  };
}
