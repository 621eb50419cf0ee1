import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Report, reportSchema } from '../../../checks/report-model';
import { AS_OF } from '../helpers';
import { EXAMPLE, exampleReport } from './example-report';

/** The PDF and HTML tests print exampleReport(): it must be the report the CLI writes for the example, not a smaller one. */
describe('exampleReport()', () => {
  let dir: string;
  let cli: Report;
  let ours: Report;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'example-report-'));
    const args = ['audit', '--config', EXAMPLE.config, '--evidence', EXAMPLE.evidence, '--register', EXAMPLE.register, '--as-of', AS_OF.toISOString(), '--out', dir];
    const run = spawnSync(process.execPath, ['bin/coding-env.js', ...args], { encoding: 'utf8' });
    expect({ code: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    cli = reportSchema.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
    ours = await exampleReport();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('has the findings the CLI writes to report.json, watch-list findings included', () => {
    const key = (r: Report) => r.findings.map((f) => `${f.check}/${f.rule}:${f.principal}`).sort();
    expect(key(ours)).toEqual(key(cli));
    expect(key(ours).filter((k) => k.startsWith('watch-list/')).length).toBeGreaterThan(0);
    // Whole findings, ids and evidence included, in the CLI's order.
    expect(ours.findings).toEqual(cli.findings);
  });

  test('has the CLI\'s inputs, checks, checklist and exceptions', () => {
    expect(ours.inputs).toEqual(cli.inputs);
    expect(ours.checks).toEqual(cli.checks);
    expect(ours.checklist).toEqual(cli.checklist);
    expect(ours.exceptions).toEqual(cli.exceptions);
  });
});
