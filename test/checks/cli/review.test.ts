import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerSchema } from '../../../checks/register/schema';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'cli-review-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/coding-env.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('coding-env review', () => {
  test('writes the week’s worksheet from the evidence: anomalies and a sample of PHI accesses', () => {
    const dir = join(out, 'w');
    const r = cli('review', '--config', 'config/coding-env.json', '--evidence', 'test/fixtures/evidence/example', '--week-ending', '2026-11-15', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/4 PHI accesses in the week; 4 sampled/);
    const md = readFileSync(join(dir, 'worksheet.md'), 'utf8');
    expect(md).toContain('examplecoding-phi-records');
    expect(md).toMatch(/rpatel/);
    expect(readFileSync(join(dir, 'worksheet.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  }, 30000);

  test('a worksheet over unreadable events is refused (exit 2), never a quiet week', () => {
    const r = cli('review', '--config', 'config/coding-env.json', '--evidence', 'test/fixtures/register', '--out', join(out, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CloudTrail events could not be read/);
  }, 30000);

  test('bad flags exit 2 with the flag named', () => {
    const r = cli('review', '--config', 'config/coding-env.json', '--evidence', 'x', '--out', 'y', '--week-ending', 'last week');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--week-ending must be a date/);
  }, 30000);
});

describe('coding-env review sign', () => {
  test('records the review in the register, keeping everything else', () => {
    const register = join(out, 'register.json');
    copyFileSync('test/fixtures/register/example.json', register);
    const before = JSON.parse(readFileSync(register, 'utf8')) as { logReviews: unknown[] };
    const r = cli('review', 'sign', '--register', register, '--reviewer', 'hmartin', '--sampled', '25', '--anomalies', '1', '--actions', 'asked rpatel; lead confirmed', '--on', '2026-11-23');
    expect(r.code).toBe(0);
    const after = registerSchema.parse(JSON.parse(readFileSync(register, 'utf8')));
    expect(after.logReviews).toHaveLength(before.logReviews.length + 1);
    expect(after.logReviews?.at(-1)).toEqual({ reviewedOn: '2026-11-23', reviewer: 'hmartin', recordsSampled: 25, anomalies: 1, actions: 'asked rpatel; lead confirmed' });
    expect(after.baas).toEqual((JSON.parse(readFileSync('test/fixtures/register/example.json', 'utf8')) as { baas: unknown }).baas);
  }, 30000);

  test('anomalies without actions are refused with the field named, and the register is untouched', () => {
    const register = join(out, 'register2.json');
    copyFileSync('test/fixtures/register/example.json', register);
    const r = cli('review', 'sign', '--register', register, '--reviewer', 'hmartin', '--sampled', '25', '--anomalies', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/actions: must say what was done/);
    expect(readFileSync(register, 'utf8')).toBe(readFileSync('test/fixtures/register/example.json', 'utf8'));
  }, 30000);
});

describe('coding-env audit --pdf', () => {
  test('prints the report to PDF with the system Chromium', () => {
    const dir = join(out, 'pdf');
    const r = cli('audit', '--config', 'config/coding-env.json', '--evidence', 'test/fixtures/evidence/example', '--register', 'test/fixtures/register/example.json', '--as-of', '2026-11-20T12:00:00Z', '--out', dir, '--pdf');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60000);
});
