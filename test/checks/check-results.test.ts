import { type CheckRunResult, checkRunResultSchema, fitForStateMachine, gatherResults, resultBudget, STATE_LIMIT_BYTES } from '../../checks/check-results';
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

describe('gatherResults: the report step\'s view of every check', () => {
  const names = ALL_CHECKS.map((c) => c.check);
  const ok = (check: string, over: Partial<CheckRunResult> = {}): CheckRunResult => ({ check, status: 'ok', findings: [], inputs: [], ...over });

  test('a check with no result is error, never ok; the others keep their status, findings and inputs', () => {
    const input: InputRecord = { source: 'credential-report.csv', kind: 'credential-report', status: 'read', records: 9, sha256: 'a'.repeat(64) };
    const results = names.slice(1).map((check) => ok(check, check === names[1] ? { findings: [{ ...finding(1, 'high'), check }], inputs: [input, input] } : {}));
    const gathered = gatherResults(results);
    expect(gathered.checks[0]).toEqual({ check: names[0], status: 'error', error: 'no result reached the report step' });
    // An ok check carries no error field at all.
    expect(gathered.checks.slice(1)).toStrictEqual(names.slice(1).map((check) => ({ check, status: 'ok' })));
    expect(gathered.findings.map((f) => f.check)).toEqual([names[1]]);
    expect(gathered.inputs).toEqual([input]);
    expect(gathered.coverage).toBeUndefined();
  });

  test('a malformed result is error for its check, naming the result and the field', () => {
    const results: unknown[] = [{ check: names[0], status: 'done', findings: [], inputs: [] }, ...names.slice(1).map((check) => ok(check))];
    expect(gatherResults(results).checks[0]).toEqual({ check: names[0], status: 'error', error: 'its result was missing or malformed (result 0: status: Invalid option: expected one of "ok"|"error")' });
  });

  test('a check in error keeps its error; the coverage of every check is merged, so no gap is hidden', () => {
    const view = (gaps: { from: string; to: string }[]) => ({ from: '2026-10-21T12:00:00.000Z', to: '2026-11-20T12:00:00.000Z', gaps });
    const results = names.map((check, i) =>
      i === 0 ? ok(check, { status: 'error', error: 'CloudTrail events not read whole', coverage: view([{ from: '2026-11-01', to: '2026-11-02' }]) }) : ok(check, i === 1 ? { coverage: view([{ from: '2026-11-03', to: '2026-11-03' }]) } : {}),
    );
    const gathered = gatherResults(results);
    expect(gathered.checks[0]).toEqual({ check: names[0], status: 'error', error: 'CloudTrail events not read whole' });
    expect(gathered.coverage).toEqual(view([{ from: '2026-11-01', to: '2026-11-03' }]));
  });
});

describe('fitForStateMachine and gatherResults: the edges', () => {
  test('the budget is the Parallel output less headroom, shared by the checks; no checks counts as one', () => {
    expect(resultBudget(1)).toBe(STATE_LIMIT_BYTES - 16 * 1024);
    expect(resultBudget(0)).toBe(resultBudget(1));
    expect(resultBudget(3)).toBe(Math.floor((STATE_LIMIT_BYTES - 16 * 1024) / 3));
  });

  test('a result exactly at the limit stays ok and whole; one byte less and it is cut', () => {
    const whole = result([finding(1, 'high'), finding(2, 'low')]);
    const exact = bytes(fitForStateMachine(whole));
    expect(fitForStateMachine(whole, exact)).toEqual(whole);
    const cut = fitForStateMachine(whole, exact - 1);
    expect(cut.status).toBe('error');
    expect(cut.findings.map((f) => f.severity)).toEqual(['high']);
  });

  test('a cut that lands exactly on the limit keeps that many findings', () => {
    const findings = Array.from({ length: 12 }, (_, i) => finding(i, 'high'));
    const loose = fitForStateMachine(result(findings), 3_000);
    expect(loose.findings.length).toBeGreaterThan(0);
    expect(loose.findings.length).toBeLessThan(12);
    // Its own size as the limit: the same cut fits, not one finding fewer.
    expect(fitForStateMachine(result(findings), bytes(loose))).toEqual(loose);
  });

  test('when even the inputs do not fit, only the ones not read whole stay, the first five named and the rest counted', () => {
    // Local files are not archive objects: compaction cannot fold the read ones into a folder.
    const local = (i: number, status: InputRecord['status']): InputRecord => ({ source: `cloudtrail/2026/11/f${i}.json.gz`, kind: 'cloudtrail', status, records: status === 'read' ? 10 : 0, sha256: status === 'read' ? 'e'.repeat(64) : '', ...(status === 'read' || status === 'ignored' ? {} : { problem: 'truncated' }) });
    const inputs = [...Array.from({ length: 400 }, (_, i) => local(i, 'read')), local(900, 'ignored'), ...Array.from({ length: 7 }, (_, i) => local(1000 + i, 'partial'))];
    const fitted = checkRunResultSchema.parse(fitForStateMachine(result([finding(1, 'high')], inputs), 4_000));
    expect(fitted.status).toBe('error');
    expect(fitted.findings).toEqual([]);
    expect(fitted.error).toBe('0 of 1 findings (the most severe) fit in what the scheduled run can pass on; run `coding-env audit --live` for the full list');
    expect(fitted.inputs.map((i) => i.source)).toEqual([...[0, 1, 2, 3, 4].map((i) => `cloudtrail/2026/11/f${1000 + i}.json.gz`), '2 more input(s) not read whole']);
  });

  test('five problems of a kind are kept as they are; the sixth is counted', () => {
    const problems = (n: number) => Array.from({ length: n }, (_, i) => `cloudtrail/f${i}.json: truncated`);
    const five = fitForStateMachine({ ...result([]), completeness: { events: { state: 'partial', problems: problems(5) } } });
    expect(five.completeness).toEqual({ events: { state: 'partial', problems: problems(5) } });
    const six = fitForStateMachine({ ...result([]), completeness: { events: { state: 'unavailable', problems: problems(6) } } });
    expect(six.completeness).toEqual({ events: { state: 'unavailable', problems: [...problems(5), 'and 1 more (see inputs)'] } });
    expect('completeness' in fitForStateMachine(result([]))).toBe(false);
  });

  test('every malformed result is named, each field by its path', () => {
    const names = ALL_CHECKS.map((c) => c.check);
    const results: unknown[] = [{ check: 'x', status: 'ok', findings: [{ check: 'x' }], inputs: [] }, 'nothing'];
    const gathered = gatherResults(results);
    expect(gathered.checks.map((c) => c.status)).toEqual(names.map(() => 'error'));
    expect(gathered.checks[0].error).toMatch(/^its result was missing or malformed \(result 0: findings\.0\.rule: .*; .* \| result 1: : .*\)$/);
  });
});
