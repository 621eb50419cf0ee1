import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMAND_HELP } from '../../../checks/cli/help';
import { parseCommand } from '../../../checks/cli/options';

const BASE = ['investigate', '--config', 'config/coding-env.json', '--evidence', 'test/fixtures/evidence/example'];
/** The example evidence holds an event on every UTC day from 2026-10-21 to 2026-11-21. */
const COVERED = ['--from', '2026-10-21', '--to', '2026-11-20'];
let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'investigate-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/coding-env.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const csvLines = (dir: string) => readFileSync(join(dir, 'accesses.csv'), 'utf8').trimEnd().split('\r\n');
const json = (dir: string) => JSON.parse(readFileSync(join(dir, 'investigation.json'), 'utf8'));

describe('coding-env investigate, offline on the example evidence', () => {
  test('by patient: found, allowed and denied, complete range: exit 0 and the three files', () => {
    const dir = join(out, 'patient');
    const r = cli(...BASE, '--patient', 'P200871', ...COVERED, '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2 PHI access(es) found (1 denied)');
    expect(csvLines(dir)).toEqual([
      'time_utc,time_local,person,action,object_key,outcome,source_ip,event_id,account',
      '2026-11-12T15:09:00.000Z,2026-11-12 10:09:00 -05:00 (EST),jdoe,GetObject,orthopedics/P200871/op-note.pdf,denied,198.51.100.3,11aa22bb-0016-4c1e-9a1b-000000000016,111122223333',
      '2026-11-14T15:00:00.000Z,2026-11-14 10:00:00 -05:00 (EST),mgarcia,GetObject,orthopedics/P200871/op-note.pdf,allowed,198.51.100.4,11aa22bb-0019-4c1e-9a1b-000000000019,111122223333',
    ]);
    const j = json(dir);
    expect(j).toMatchObject({ subject: { kind: 'patient', id: 'P200871' }, complete: true, incomplete: [], coverage: { gaps: [] }, from: '2026-10-21T00:00:00.000Z', to: '2026-11-20T23:59:59.999Z' });
    expect(j.inputs.length).toBeGreaterThan(10);
    expect(j.inputs.every((i: { sha256: string; kind: string }) => i.kind.startsWith('cloudtrail') && /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
    const html = readFileSync(join(dir, 'investigation.html'), 'utf8');
    expect(html).toContain('Access investigation: patient P200871');
    expect(html).toContain('orthopedics/P200871/op-note.pdf');
  });

  test('by person and by prefix', () => {
    const person = join(out, 'person');
    expect(cli(...BASE, '--person', 'rpatel', ...COVERED, '--out', person).code).toBe(0);
    expect(csvLines(person).slice(1).map((l) => l.split(',')[4])).toEqual(['behavioral-health/P300113/progress.pdf', 'behavioral-health/P300112/intake.pdf', 'behavioral-health/P300240/intake.pdf']);
    const prefix = join(out, 'prefix');
    expect(cli(...BASE, '--prefix', 'cardiology/', ...COVERED, '--out', prefix).code).toBe(0);
    expect(csvLines(prefix).slice(1).map((l) => l.split(',')[7])).toEqual(['11aa22bb-0015-4c1e-9a1b-000000000015', 'a1c0e5f2-0007-4b7e-8c11-000000000007']);
  });

  test('not found: only the header, exit 0 (the range is covered, so "none" is a finding)', () => {
    const dir = join(out, 'none');
    const r = cli(...BASE, '--patient', 'P999999', ...COVERED, '--out', dir);
    expect(r.code).toBe(0);
    expect(csvLines(dir)).toHaveLength(1);
    expect(json(dir).complete).toBe(true);
    expect(readFileSync(join(dir, 'investigation.html'), 'utf8')).toContain('No PHI data event matches');
  });

  test('range not covered (the default six years): exit 4, the gaps named, the accesses still listed', () => {
    const dir = join(out, 'six-years');
    const r = cli(...BASE, '--patient', 'P200871', '--to', '2026-11-20', '--out', dir);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('the investigation is incomplete');
    const j = json(dir);
    expect(j.from).toBe('2020-11-20T00:00:00.000Z');
    expect(j.complete).toBe(false);
    expect(j.coverage.gaps[0]).toEqual({ from: '2020-11-20', to: '2026-09-30' });
    expect(csvLines(dir)).toHaveLength(3);
    expect(readFileSync(join(dir, 'investigation.html'), 'utf8')).toContain('INCOMPLETE');
  });

  test('an input not read whole: exit 4 naming the file, never quoting it', () => {
    const evidence = join(out, 'evidence-cut');
    cpSync('test/fixtures/evidence/example', evidence, { recursive: true });
    writeFileSync(join(evidence, 'cloudtrail/extra.json'), '{"Records":[{"eventVersion":"1.09","eventTime":"2026-11-01T10:00:00Z","secret P200871');
    const dir = join(out, 'cut');
    const r = cli('investigate', '--config', 'config/coding-env.json', '--evidence', evidence, '--patient', 'P200871', ...COVERED, '--out', dir);
    expect(r.code).toBe(4);
    const j = json(dir);
    expect(j.incomplete.join(' ')).toContain('cloudtrail/extra.json');
    expect(j.incomplete.join(' ')).not.toContain('secret');
    expect(j.inputs.find((i: { source: string }) => i.source === 'cloudtrail/extra.json').status).not.toBe('read');
  });

  test.each([
    [['--out', 'o'], /exactly one of --patient ID, --person ID or --prefix KEYPREFIX/],
    [['--patient', 'P1', '--person', 'jdoe', '--out', 'o'], /exactly one of/],
    [['--patient', 'cardiology/P1', '--out', 'o'], /--patient must be an id, without "\/"/],
    [['--patient', 'P1', '--from', '2026-02-30', '--out', 'o'], /--from must be a date YYYY-MM-DD/],
    [['--patient', 'P1', '--from', '2026-11-02', '--to', '2026-11-01', '--out', 'o'], /--from must be on or before --to/],
    [['--patient', 'P1', '--register', 'r.json', '--out', 'o'], /--register does not apply to investigate/],
    [['--patient', 'P1'], /investigate needs --out/],
  ])('bad usage %j: a usage error with the reason', (extra, message) => {
    expect(() => parseCommand([...BASE, ...extra], new Date('2026-11-20T12:00:00Z'))).toThrow(message);
  });

  test('bad usage through the CLI: exit 2, the reason and the synopsis, no stack trace', () => {
    const r = cli(...BASE, '--patient', 'P1', '--from', '2026-02-30', '--out', join(out, 'bad'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from must be a date YYYY-MM-DD/);
    expect(r.stderr).toContain('Usage: coding-env investigate');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  test('a missing evidence folder or config: exit 2, nothing written', () => {
    const dir = join(out, 'missing');
    const r = cli('investigate', '--config', 'config/coding-env.json', '--evidence', join(out, 'nope'), '--patient', 'P1', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--evidence is not a directory');
    expect(cli('investigate', '--config', join(out, 'nope.json'), '--evidence', 'test/fixtures/evidence/example', '--patient', 'P1', '--out', dir).code).toBe(2);
  });

  test('--to after now ends the range now; the default range is the six years before it', () => {
    const now = new Date('2026-11-20T12:00:00Z');
    const cmd = parseCommand([...BASE, '--patient', 'P1', '--to', '2030-01-01', '--out', 'o'], now);
    expect(cmd).toMatchObject({ name: 'investigate', options: { range: { from: new Date('2020-11-20T00:00:00Z'), to: now } } });
  });

  test('investigate --help prints its own help, and every option it names is accepted', () => {
    const r = cli('investigate', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${COMMAND_HELP.investigate}\n`);
    const named = new Set([...COMMAND_HELP.investigate.matchAll(/--([a-z-]+)/g)].map((m) => m[1]));
    const argv = (flag: string) => [...BASE.filter((a) => a !== `--${flag}`), ...(['patient', 'person', 'prefix'].includes(flag) ? [] : ['--patient', 'P1']), `--${flag}`, flag === 'from' || flag === 'to' ? '2026-11-01' : 'x', '--out', 'o'];
    expect(() => parseCommand(['investigate', '--config', 'c.json', '--athena', '--patient', 'P1', '--out', 'o'], new Date('2026-11-20T12:00:00Z'))).not.toThrow();
    for (const flag of named) {
      if (flag === 'out' || flag === 'config' || flag === 'evidence' || flag === 'athena') continue;
      expect(() => parseCommand(argv(flag), new Date('2026-11-20T12:00:00Z'))).not.toThrow();
    }
  });
});
