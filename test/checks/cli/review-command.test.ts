import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signReview, writeReviewWorksheet } from '../../../checks/cli/review';
import type { EvidenceOptions, LoadedEvidence } from '../../../checks/evidence/evidence-dir';
import { loadEvidenceDir } from '../../../checks/evidence/evidence-dir';
import { registerSchema } from '../../../checks/register/schema';
import { UsageError } from '../../../checks/cli/usage';

// `coding-env review` and `review sign` in-process (review.test.ts runs them as child processes,
// which the mutation run cannot see): the files, the progress lines, the week and the refusals.
const CONFIG = 'config/coding-env.json';
let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'review-cmd-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

describe('writeReviewWorksheet', () => {
  test('the week ending 2026-11-15 of the example evidence: both files, the progress, the week asked of the loader', async () => {
    const lines: string[] = [];
    const asked: { source: unknown; options: EvidenceOptions }[] = [];
    const load = async (source: { kind: 'evidence'; dir: string } | { kind: string }, _config: unknown, options: EvidenceOptions): Promise<LoadedEvidence> => {
      asked.push({ source, options });
      return loadEvidenceDir((source as { dir: string }).dir, options);
    };
    const dir = join(out, 'w', 'nested');
    const files = await writeReviewWorksheet({ config: CONFIG, source: { kind: 'evidence', dir: 'test/fixtures/evidence/example' }, out: dir, weekEnding: '2026-11-15' }, new Date('2026-11-20T12:00:00Z'), load, (m) => lines.push(m));
    expect(files).toEqual([join(dir, 'worksheet.md'), join(dir, 'worksheet.html')]);
    expect(asked).toHaveLength(1);
    expect(asked[0].source).toEqual({ kind: 'evidence', dir: 'test/fixtures/evidence/example' });
    // America/New_York: the seven local days 2026-11-09..15, midnight EST.
    expect(asked[0].options.window).toEqual({ from: new Date('2026-11-09T05:00:00Z'), to: new Date('2026-11-16T05:00:00Z'), days: 7 });
    expect(typeof asked[0].options.keep).toBe('function');
    expect(lines[0]).toBe('building the log-review worksheet for 2026-11-09T05:00:00.000Z to 2026-11-16T05:00:00.000Z');
    expect(lines).toContain(`wrote ${join(dir, 'worksheet.md')}`);
    expect(lines).toContain(`wrote ${join(dir, 'worksheet.html')}`);
    expect(lines[lines.length - 1]).toMatch(/^4 PHI accesses in the week; 4 sampled; \d+ anomaly findings$/);
    expect(readFileSync(join(dir, 'worksheet.md'), 'utf8')).toContain('rpatel');
    expect(readFileSync(join(dir, 'worksheet.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  });

  test('the sample size and seed reach the worksheet', async () => {
    const load = (_s: unknown, _c: unknown, options: EvidenceOptions) => loadEvidenceDir('test/fixtures/evidence/example', options);
    const lines: string[] = [];
    await writeReviewWorksheet({ config: CONFIG, source: { kind: 'evidence', dir: 'x' }, out, weekEnding: '2026-11-15', sampleSize: 2, seed: 'fixed' }, new Date('2026-11-20T12:00:00Z'), load, (m) => lines.push(m));
    expect(lines[lines.length - 1]).toMatch(/^4 PHI accesses in the week; 2 sampled; /);
    expect(readFileSync(join(out, 'worksheet.md'), 'utf8')).toContain('fixed');
  });

  test('by default the week ends yesterday in the organisation\'s zone', async () => {
    const windows: EvidenceOptions['window'][] = [];
    const load = async (_s: unknown, _c: unknown, options: EvidenceOptions): Promise<LoadedEvidence> => {
      windows.push(options.window);
      return { model: { credentialReport: { ok: false, error: 'x' }, authorization: { ok: false, error: 'x' }, events: { ok: true, value: [] } }, inputs: [] };
    };
    // 03:00 UTC on 2026-11-21 is still 2026-11-20 in New York: yesterday there is 2026-11-19.
    await writeReviewWorksheet({ config: CONFIG, source: { kind: 'live' }, out }, new Date('2026-11-21T03:00:00Z'), load, () => undefined);
    expect(windows[0]).toEqual({ from: new Date('2026-11-13T05:00:00Z'), to: new Date('2026-11-20T05:00:00Z'), days: 7 });
  });

  test('events that could not be read: refused as bad input, nothing written', async () => {
    const load = async (): Promise<LoadedEvidence> => ({ model: { credentialReport: { ok: false, error: 'x' }, authorization: { ok: false, error: 'x' }, events: { ok: false, error: 'cloudtrail/ not found' } }, inputs: [] });
    const dir = join(out, 'none');
    const err = await writeReviewWorksheet({ config: CONFIG, source: { kind: 'evidence', dir: 'x' }, out: dir, weekEnding: '2026-11-15' }, new Date(), load, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe("the week's CloudTrail events could not be read: cloudtrail/ not found");
    expect(existsSync(dir)).toBe(false);
  });
});

describe('signReview', () => {
  const register = () => {
    const file = join(out, 'register.json');
    copyFileSync('test/fixtures/register/example.json', file);
    return file;
  };
  const last = (file: string) => registerSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).logReviews?.at(-1);

  test('records the review and says so', () => {
    const file = register();
    const message = signReview({ register: file, reviewer: 'hmartin', sampled: 25, anomalies: 1, actions: 'asked rpatel', on: '2026-11-23' }, new Date('2026-11-24T12:00:00Z'));
    expect(message).toBe(`${file}: recorded the log review of 2026-11-23 by hmartin (25 sampled, 1 anomalies)`);
    expect(last(file)).toEqual({ reviewedOn: '2026-11-23', reviewer: 'hmartin', recordsSampled: 25, anomalies: 1, actions: 'asked rpatel' });
  });

  test('without --on: today in UTC, or in the organisation\'s zone with --config', () => {
    const now = new Date('2026-11-24T03:00:00Z');
    const utc = register();
    expect(signReview({ register: utc, reviewer: 'hmartin', sampled: 3, anomalies: 0 }, now)).toContain('of 2026-11-24 by hmartin (3 sampled, 0 anomalies)');
    expect(last(utc)?.reviewedOn).toBe('2026-11-24');
    const zoned = register();
    signReview({ register: zoned, reviewer: 'hmartin', sampled: 3, anomalies: 0, config: CONFIG }, now);
    expect(last(zoned)?.reviewedOn).toBe('2026-11-23');
  });
});
