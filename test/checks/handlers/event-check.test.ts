import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { checkRunResultSchema } from '../../../checks/check-results';
import { eventsOnlyCheckHandler } from '../../../checks/handlers/event-check';
import { vpnBypass } from '../../../checks/rules/vpn-bypass';
import { serveAthenaExample } from '../athena-fake';
import { lambdaTaskRoot } from './fake-aws';

const athena = mockClient(AthenaClient);
const event = { check: 'ignored', startedAt: '2026-11-20T12:00:00.000Z' };

beforeAll(() => {
  Object.assign(process.env, { LAMBDA_TASK_ROOT: lambdaTaskRoot(), TRAIL_BUCKET: 'codingenv-auditarchive-bucket', WINDOW_DAYS: '30', AWS_REGION: 'us-east-1', TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: '540' });
});
beforeEach(() => {
  athena.reset();
  serveAthenaExample(athena);
});

describe('eventsOnlyCheckHandler', () => {
  test('runs the check over the window\'s events selected in Athena: its findings, the whole event evidence, the window covered', async () => {
    const result = checkRunResultSchema.parse(await eventsOnlyCheckHandler(vpnBypass)(event));
    expect(result).toMatchObject({ check: 'vpn-bypass', status: 'ok' });
    expect(result.findings.map((f) => f.principal).sort()).toEqual(['ci-deployer', 'mgarcia', 'rpatel']);
    expect(result.completeness).toEqual({ events: { state: 'whole', problems: [] } });
    expect(result.coverage).toEqual({ from: '2026-10-21T12:00:00.000Z', to: '2026-11-20T12:00:00.000Z', gaps: [] });
    expect(result.inputs).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'cloudtrail-athena-events', status: 'read' })]));
    expect(athena.commandCalls(StartQueryExecutionCommand).length).toBeGreaterThanOrEqual(2);
  });
});
