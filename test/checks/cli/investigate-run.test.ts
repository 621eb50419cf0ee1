import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../checks/cli/main';
import { parseRange, runInvestigation } from '../../../checks/cli/investigate';

// `coding-env investigate` offline, in-process (investigate.test.ts runs the CLI as a child
// process, which the mutation run cannot see): the files, the progress lines and the exit codes.
const NOW = new Date('2026-11-30T12:00:00Z');
const EVIDENCE = 'test/fixtures/evidence/example';
const COVERED = { from: new Date('2026-10-21T00:00:00Z'), to: new Date('2026-11-20T23:59:59.999Z') };
let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'investigate-run-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(out, { recursive: true, force: true });
});

describe('runInvestigation offline', () => {
  test('complete: exit 0, the three files, the progress lines in order', async () => {
    const lines: string[] = [];
    const code = await runInvestigation({ config: 'config/coding-env.json', source: { kind: 'evidence', dir: EVIDENCE }, subject: { kind: 'patient', id: 'P200871' }, range: COVERED, out }, NOW, (m) => lines.push(m));
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['accesses.csv', 'investigation.html', 'investigation.json']);
    expect(lines[0]).toBe('investigating patient P200871 from 2026-10-21T00:00:00.000Z to 2026-11-20T23:59:59.999Z');
    expect(lines.slice(-4)).toEqual([`wrote ${join(out, 'accesses.csv')}`, `wrote ${join(out, 'investigation.json')}`, `wrote ${join(out, 'investigation.html')}`, '2 PHI access(es) found (1 denied)']);
    const json = JSON.parse(readFileSync(join(out, 'investigation.json'), 'utf8'));
    expect(json).toMatchObject({ organization: 'Example Coding Group', generatedAt: NOW.toISOString(), tool: expect.stringMatching(/^coding-env \d+\.\d+\.\d+/), complete: true });
    expect(json.inputs.length).toBeGreaterThan(0);
    expect(json.inputs.every((i: { kind: string }) => i.kind.startsWith('cloudtrail'))).toBe(true);
    expect(readFileSync(join(out, 'accesses.csv'), 'utf8').split('\r\n')).toHaveLength(4);
  });

  test('the range read is the one asked: an access outside it is not listed', async () => {
    const code = await runInvestigation({ config: 'config/coding-env.json', source: { kind: 'evidence', dir: EVIDENCE }, subject: { kind: 'patient', id: 'P200871' }, range: { from: new Date('2026-11-13T00:00:00Z'), to: COVERED.to }, out }, NOW, () => undefined);
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'investigation.json'), 'utf8'));
    expect(json.accesses.map((a: { eventId: string }) => a.eventId)).toEqual(['11aa22bb-0019-4c1e-9a1b-000000000019']);
  });

  test('incomplete: exit 4 and why, the accesses still written', async () => {
    const lines: string[] = [];
    const range = { from: new Date('2026-10-01T00:00:00Z'), to: COVERED.to };
    const code = await runInvestigation({ config: 'config/coding-env.json', source: { kind: 'evidence', dir: EVIDENCE }, subject: { kind: 'patient', id: 'P200871' }, range, out }, NOW, (m) => lines.push(m));
    expect(code).toBe(4);
    const json = JSON.parse(readFileSync(join(out, 'investigation.json'), 'utf8'));
    expect(json.complete).toBe(false);
    expect(lines.slice(-2)).toEqual([`the investigation is incomplete: ${json.incomplete.join('; ')}`, 'exit 4: accesses outside the evidence read cannot be excluded']);
    expect(json.accesses).toHaveLength(2);
  });

  test('by person: the accesses counted, and the denied ones among them', async () => {
    const lines: string[] = [];
    expect(await runInvestigation({ config: 'config/coding-env.json', source: { kind: 'evidence', dir: EVIDENCE }, subject: { kind: 'person', id: 'rpatel' }, range: COVERED, out }, NOW, (m) => lines.push(m))).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'investigation.json'), 'utf8'));
    expect(json.accesses.map((a: { outcome: string }) => a.outcome)).toEqual(['allowed', 'allowed', 'allowed']);
    expect(lines[lines.length - 1]).toBe('3 PHI access(es) found (0 denied)');
  });
});

describe('parseRange', () => {
  test('--from today at midnight: a range of one instant, not refused', () => {
    const now = new Date('2026-11-20T00:00:00Z');
    expect(parseRange('2026-11-20', undefined, now)).toEqual({ from: now, to: now });
    expect(() => parseRange('2026-11-21', undefined, now)).toThrow('--from must be on or before --to (today)');
  });
});

describe('main investigate offline', () => {
  const argv = (...extra: string[]) => ['investigate', '--config', 'config/coding-env.json', '--patient', 'P200871', '--from', '2026-10-21', '--to', '2026-11-20', ...extra];
  const quiet = () => {
    let stderr = '';
    jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
      stderr += String(c);
      return true;
    });
    return () => stderr;
  };

  test('exit 0 on the example evidence, the output folder created', async () => {
    const stderr = quiet();
    const dir = join(out, 'new', 'folder');
    expect(await main(argv('--evidence', EVIDENCE, '--out', dir), NOW)).toBe(0);
    expect(existsSync(join(dir, 'accesses.csv'))).toBe(true);
    expect(stderr()).toContain('coding-env: 2 PHI access(es) found (1 denied)\n');
  });

  test('a damaged input: exit 4', async () => {
    quiet();
    const evidence = join(out, 'ev');
    cpSync(EVIDENCE, evidence, { recursive: true });
    writeFileSync(join(evidence, 'cloudtrail', 'cut.json'), '{"Records":[{"eventTime":"2026-11-01T10:00:00Z"');
    expect(await main(argv('--evidence', evidence, '--out', join(out, 'o')), NOW)).toBe(4);
  });

  test('bad input before anything is read: exit 2 for a missing config, evidence folder or unusable --out', async () => {
    const stderr = quiet();
    const file = join(out, 'file');
    writeFileSync(file, '');
    expect(await main(['investigate', '--config', join(out, 'none.json'), '--patient', 'P1', '--evidence', EVIDENCE, '--out', join(out, 'a')], NOW)).toBe(2);
    expect(existsSync(join(out, 'a'))).toBe(false);
    expect(await main(argv('--evidence', join(out, 'missing'), '--out', join(out, 'b')), NOW)).toBe(2);
    expect(stderr()).toContain(`coding-env: ${join(out, 'missing')} is invalid:\n  - (root): --evidence is not a directory\n`);
    expect(existsSync(join(out, 'b'))).toBe(false);
    expect(await main(argv('--evidence', EVIDENCE, '--out', file), NOW)).toBe(2);
    expect(stderr()).toContain(`coding-env: ${file} is invalid:\n  - (root): --out is not a folder\n`);
  });
});
