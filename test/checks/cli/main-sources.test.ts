import { StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { EXIT } from '../../../checks/cli/main';
import type { Report } from '../../../checks/report-model';
import { TRAIL_BUCKET } from '../live-faults';
import { auditHarness } from './audit-harness';

// `audit --live` and `audit --athena` in-process, over the healthy example account: each source
// is read the way it names (the fault matrices, live-faults and audit-athena, are not run by the
// mutation run; this is the path through main's loadSource they take).
const { m, athena, audit } = auditHarness('main-sources-');

const eventInputs = (report: Report) => report.inputs.filter((i) => i.kind.startsWith('cloudtrail')).map((i) => [i.kind, i.status]);

test('--live reads the events from the account (LookupEvents and the trail archive), not Athena; exit 0', async () => {
  const { code, report } = await audit(['--live', '--regions', 'us-east-1', '--trail-bucket', TRAIL_BUCKET]);
  expect(code).toBe(EXIT.ok);
  expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
  expect(report.scope).toMatchObject({ source: 'live' });
  expect(m.trail.commandCalls(LookupEventsCommand).length).toBeGreaterThan(0);
  expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  expect(eventInputs(report).filter(([kind]) => kind.startsWith('cloudtrail-athena'))).toEqual([]);
});

test('--athena reads the events through Athena in the window, not LookupEvents; exit 0', async () => {
  const { code, report } = await audit(['--athena']);
  expect(code).toBe(EXIT.ok);
  expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
  expect(m.trail.commandCalls(LookupEventsCommand)).toHaveLength(0);
  expect(athena.commandCalls(StartQueryExecutionCommand).map((c) => /"day" BETWEEN '([^']+)' AND '([^']+)'/.exec(c.args[0].input.QueryString ?? '')?.slice(1))).toEqual([
    ['2026/10/21', '2026/11/20'],
    ['2026/10/21', '2026/11/20'],
  ]);
  expect(eventInputs(report).filter(([kind]) => kind.startsWith('cloudtrail-athena'))).toEqual([
    ['cloudtrail-athena-coverage', 'read'],
    ['cloudtrail-athena-events', 'read'],
  ]);
});
