// eslint-disable-next-line @typescript-eslint/no-require-imports
const { salvage } = require('../../scripts/stryker/salvage-merge.cjs') as { salvage: Salvage };

interface Mutant {
  id: string;
  mutatorName: string;
  replacement: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
  status: string;
  coveredBy?: string[];
  killedBy?: string[];
  statusReason?: string;
}
interface TestDef {
  id: string;
  name: string;
  location?: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { language: string; source: string; mutants: Mutant[] }>;
  testFiles: Record<string, { source?: string; tests: TestDef[] }>;
  schemaVersion?: string;
}
type Salvage = (report: Report, run: object, lines: object[], options?: { dropTimeouts?: boolean }) => { report: Report; stats: { salvaged: number; skipped: number; droppedTimeouts: number; replacedFiles: string[] } };

const at = (line: number, column: number, endColumn: number) => ({ start: { line, column }, end: { line, column: endColumn } });
const SRC = 'export const a = (x: number) => x > 1;\n';
const TEST_SRC = "test('a is strict', () => {});\ntest('a of 2', () => {});\n";

/** A report holding part 1's results: one file killed by test 0, the test file as it was then. */
function report(): Report {
  return {
    schemaVersion: '1.0',
    files: { 'checks/other.ts': { language: 'typescript', source: 'other', mutants: [{ id: '7', mutatorName: 'BooleanLiteral', replacement: 'false', location: at(1, 1, 5), status: 'Killed', coveredBy: ['0'], killedBy: ['0'] }] } },
    testFiles: { 'test/a.test.ts': { source: TEST_SRC, tests: [{ id: '0', name: 'a is strict', location: { start: { line: 1, column: 1 } } }] } },
  };
}

/** A run cut short: its dry run found both tests of the file, one of them new. */
const RUN = {
  run: 'r1',
  tests: [
    { id: 'a is strict', name: 'a is strict', file: 'test/a.test.ts', location: { start: { line: 1, column: 1 } } },
    { id: 'a of 2', name: 'a of 2', file: 'test/a.test.ts', location: { start: { line: 2, column: 1 } } },
  ],
  sources: { 'checks/a.ts': SRC },
  testSources: { 'test/a.test.ts': TEST_SRC },
};

const line = (over: object) => ({ run: 'r1', file: 'checks/a.ts', mutatorName: 'EqualityOperator', replacement: 'x >= 1', location: at(1, 33, 38), status: 'Killed', covering: [0, 1], killing: [1], testsCompleted: 2, ...over });

describe('salvaging a mutation run cut short', () => {
  test("its decided results land in the report, with the report's test ids: known tests keep theirs, new ones get new ones", () => {
    const { report: out, stats } = salvage(report(), RUN, [line({}), line({ mutatorName: 'ConditionalExpression', replacement: 'true', location: at(1, 33, 38), status: 'Survived', killing: [], statusReason: undefined })]);
    expect(stats.salvaged).toBe(2);
    const tests = out.testFiles['test/a.test.ts'].tests;
    expect(tests).toEqual([{ id: '0', name: 'a is strict', location: { start: { line: 1, column: 1 } } }, { id: '1', name: 'a of 2', location: { start: { line: 2, column: 1 } } }]);
    const file = out.files['checks/a.ts'];
    expect(file).toMatchObject({ language: 'typescript', source: SRC });
    expect(file.mutants).toEqual([
      expect.objectContaining({ mutatorName: 'EqualityOperator', status: 'Killed', coveredBy: ['0', '1'], killedBy: ['1'], location: at(1, 33, 38) }),
      expect.objectContaining({ mutatorName: 'ConditionalExpression', status: 'Survived', killedBy: [] }),
    ]);
    // Mutant ids stay unique across the report.
    expect(new Set([...file.mutants, ...out.files['checks/other.ts'].mutants].map((m) => m.id)).size).toBe(3);
    // Part 1's results are untouched, and the input report is not changed.
    expect(out.files['checks/other.ts']).toEqual(report().files['checks/other.ts']);
  });

  test('the last line for a mutant wins; lines of other runs, pending results and unknown tests are left out', () => {
    const lines = [line({ status: 'Survived', killing: [] }), line({}), line({ run: 'r0', replacement: 'x < 1' }), line({ replacement: 'x <= 1', status: 'Pending' }), line({ replacement: 'x != 1', covering: [5] })];
    const { report: out, stats } = salvage(report(), RUN, lines);
    expect(out.files['checks/a.ts'].mutants.map((m) => `${m.replacement} ${m.status}`)).toEqual(['x >= 1 Killed']);
    expect(stats).toMatchObject({ salvaged: 1, skipped: 2 });
  });

  test("a file that changed since the report's results: those results are dropped, not moved", () => {
    const before = report();
    before.files['checks/a.ts'] = { language: 'typescript', source: 'export const a = 1;\n', mutants: [{ id: '9', mutatorName: 'NumericLiteral', replacement: '0', location: at(1, 18, 19), status: 'Survived' }] };
    const { report: out, stats } = salvage(before, RUN, [line({})]);
    expect(out.files['checks/a.ts'].source).toBe(SRC);
    expect(out.files['checks/a.ts'].mutants.map((m) => m.mutatorName)).toEqual(['EqualityOperator']);
    expect(stats.replacedFiles).toEqual(['checks/a.ts']);
  });

  test('an unchanged file keeps its other results, and a salvaged result replaces the same mutant', () => {
    const before = report();
    before.files['checks/a.ts'] = { language: 'typescript', source: SRC, mutants: [{ id: '9', mutatorName: 'EqualityOperator', replacement: 'x >= 1', location: at(1, 33, 38), status: 'Survived' }, { id: '10', mutatorName: 'ArrowFunction', replacement: '() => undefined', location: at(1, 18, 38), status: 'Killed', killedBy: ['0'] }] };
    const { report: out } = salvage(before, RUN, [line({})]);
    expect(out.files['checks/a.ts'].mutants.map((m) => `${m.mutatorName} ${m.status}`)).toEqual(['EqualityOperator Killed', 'ArrowFunction Killed']);
  });

  test('--drop-timeouts leaves every timeout of the clock out, salvaged or already reported, so they are tested again; those of the hit limit stay', () => {
    const before = report();
    before.files['checks/other.ts'].mutants.push({ id: '8', mutatorName: 'BlockStatement', replacement: '{}', location: at(1, 6, 9), status: 'Timeout' });
    before.files['checks/other.ts'].mutants.push({ id: '9', mutatorName: 'UpdateOperator', replacement: 'i--', location: at(1, 10, 13), status: 'Timeout', statusReason: 'Hit limit reached (2001/2000)' });
    const { report: out, stats } = salvage(before, RUN, [line({ status: 'Timeout', killing: [] })], { dropTimeouts: true });
    expect(out.files['checks/other.ts'].mutants.map((m) => `${m.id} ${m.status}`)).toEqual(['7 Killed', '9 Timeout']);
    expect(out.files['checks/a.ts']).toBeUndefined();
    expect(stats.droppedTimeouts).toBe(2);
    // Without the option they stay.
    expect(salvage(before, RUN, [line({ status: 'Timeout', killing: [] })]).report.files['checks/a.ts'].mutants[0].status).toBe('Timeout');
  });
});
