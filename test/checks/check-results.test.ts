import { type CheckRunResult, checkRunResultSchema, fitForStateMachine, resultBudget, STATE_LIMIT_BYTES } from '../../checks/check-results';
import type { Finding, InputRecord } from '../../checks/report-model';
import { ALL_CHECKS } from '../../checks/rules/all-checks';

const finding = (i: number, severity: Finding['severity']): Finding => ({
  check: 'stale-access',
  rule: 'password-unused',
  principal: `user${i}`,
  severity,
  summary: `user${i} has not signed in for 200 days`,
  evidence: { lastUsed: '2026-05-01T00:00:00Z', note: 'x'.repeat(300) },
});
const objects = (n: number): InputRecord[] =>
  Array.from({ length: n }, (_, i) => ({ source: `s3://trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/${String((i % 28) + 1).padStart(2, '0')}/111122223333_CloudTrail_us-east-1_${i}.json.gz`, kind: 'cloudtrail-log', status: 'read' as const, records: 40, sha256: 'f'.repeat(64) }));
const result = (findings: Finding[], inputs: InputRecord[] = []): CheckRunResult => ({ check: 'stale-access', status: 'ok', findings, inputs });
const bytes = (r: unknown) => Buffer.byteLength(JSON.stringify(r));

describe('fitForStateMachine', () => {
  test('every check together stays under the Parallel state limit', () => {
    expect(resultBudget() * ALL_CHECKS.length).toBeLessThan(STATE_LIMIT_BYTES);
    expect(resultBudget(1)).toBeLessThan(STATE_LIMIT_BYTES);
  });

  test('a month of archive objects is compacted and the result stays ok', () => {
    const big = result([finding(1, 'high')], objects(8_000));
    expect(bytes(big)).toBeGreaterThan(resultBudget());
    const fitted = fitForStateMachine(big);
    expect(fitted.status).toBe('ok');
    expect(fitted.findings).toHaveLength(1);
    expect(fitted.inputs).toEqual([expect.objectContaining({ source: 's3://trail/AWSLogs/111122223333/CloudTrail/us-east-1/* (8000 objects of the window)', records: 320_000 })]);
    expect(bytes(fitted)).toBeLessThanOrEqual(resultBudget());
  });

  test('too many findings: the most severe that fit are kept and the check is error, never ok with a cut list', () => {
    const findings = [...Array.from({ length: 200 }, (_, i) => finding(i, 'medium')), ...Array.from({ length: 20 }, (_, i) => finding(1000 + i, 'high'))];
    const fitted = checkRunResultSchema.parse(fitForStateMachine(result(findings), 30_000));
    expect(fitted.status).toBe('error');
    expect(bytes(fitted)).toBeLessThanOrEqual(30_000);
    expect(fitted.findings.length).toBeGreaterThan(20);
    expect(fitted.findings.slice(0, 20).every((f) => f.severity === 'high')).toBe(true);
    expect(fitted.error).toBe(`${fitted.findings.length} of 220 findings (the most severe) fit in what the scheduled run can pass on; run \`coding-env audit --live\` for the full list`);
    // One more would not have fit.
    expect(bytes({ ...fitted, findings: findings.slice(0, fitted.findings.length + 1) })).toBeGreaterThan(30_000);
  });

  test('thousands of objects not read whole still fit, the check error, the problems of each kind counted past the first few', () => {
    const failed = objects(8_000).map((o) => ({ ...o, status: 'skipped' as const, records: 0, sha256: '', problem: 'cannot be read: the KMS key refused to decrypt it (AccessDenied)' }));
    const problems = failed.map((f) => `${f.source}: skipped: ${f.problem}`);
    const big: CheckRunResult = { ...result([finding(1, 'high')], failed), status: 'error', error: 'evidence incomplete: CloudTrail events: ...', completeness: { events: { state: 'partial', problems } } };
    const fitted = checkRunResultSchema.parse(fitForStateMachine(big));
    expect(bytes(fitted)).toBeLessThanOrEqual(resultBudget());
    expect(fitted.status).toBe('error');
    expect(fitted.findings).toHaveLength(1);
    expect(fitted.completeness?.events.problems).toEqual([...problems.slice(0, 5), 'and 7995 more (see inputs)']);
    expect(fitted.inputs.filter((i) => i.status === 'skipped')).toHaveLength(51);
    expect(fitted.inputs.at(-1)?.source).toBe('7950 more input(s) not read whole');
  });

  test('an error the check already had is kept in front', () => {
    const fitted = fitForStateMachine({ ...result(Array.from({ length: 100 }, (_, i) => finding(i, 'high'))), status: 'error', error: 'evidence incomplete: 2 objects not read' }, 10_000);
    expect(fitted.error).toMatch(/^evidence incomplete: 2 objects not read; \d+ of 100 findings/);
  });
});
