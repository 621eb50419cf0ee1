import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../lib/config/load';
import { addLogReview, type LogReviewInput, signLogReview } from '../../../checks/review/sign';
import { registerSchema } from '../../../checks/register/schema';

const review: LogReviewInput = { reviewer: 'hmartin', recordsSampled: 25, anomalies: 1, actions: 'Asked jdoe and her lead; chart opened by mistake; retrained.', reviewedOn: '2026-11-24' };

const register = {
  riskAnalysis: { completedOn: '2026-01-15' },
  logReviews: [{ reviewedOn: '2026-11-17', reviewer: 'hmartin', recordsSampled: 25, anomalies: 0, actions: 'none' }],
  training: [{ personId: 'jdoe', completedOn: '2026-02-10' }],
};

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('addLogReview', () => {
  test('appends the review and keeps every other section and its order', () => {
    const next = addLogReview(register, review);
    expect(Object.keys(next)).toEqual(['riskAnalysis', 'logReviews', 'training']);
    expect(next['logReviews']).toEqual([register.logReviews[0], { ...review }]);
    expect(next['training']).toEqual(register.training);
    expect(registerSchema.safeParse(next).success).toBe(true);
    expect(register.logReviews).toHaveLength(1); // the input is not modified
  });

  test('starts logReviews in a register without one', () => {
    expect(addLogReview({}, review)).toEqual({ logReviews: [review] });
  });

  test('records "none" as the action when nothing was found', () => {
    const next = addLogReview({}, { reviewer: 'hmartin', recordsSampled: 25, anomalies: 0, reviewedOn: '2026-11-24' });
    expect(next['logReviews']).toEqual([{ reviewer: 'hmartin', recordsSampled: 25, anomalies: 0, actions: 'none: no anomalies found', reviewedOn: '2026-11-24' }]);
  });

  test.each<[string, Partial<LogReviewInput>, string]>([
    ['an empty reviewer', { reviewer: '  ' }, 'reviewer: must name the reviewer (their person id)'],
    ['a negative sample', { recordsSampled: -1 }, 'recordsSampled: must not be negative'],
    ['negative anomalies', { anomalies: -2 }, 'anomalies: must not be negative'],
    ['a fractional count', { recordsSampled: 2.5 }, 'recordsSampled: must be a whole number'],
    ['a bad date', { reviewedOn: '24/11/2026' }, 'reviewedOn: must be a date YYYY-MM-DD'],
    ['anomalies without actions', { anomalies: 2, actions: ' ' }, 'actions: must say what was done about the anomalies'],
  ])('refuses %s, naming the field', (_, change, issue) => {
    expect(issuesOf(() => addLogReview(register, { ...review, ...change }))).toEqual([issue]);
  });

  test('refuses a register that does not validate, naming its fields', () => {
    expect(issuesOf(() => addLogReview({ logReviews: [{ reviewedOn: 'soon' }], extra: 1 }, review, 'register.json'))).toEqual(
      expect.arrayContaining(['logReviews[0].reviewedOn: must be a date YYYY-MM-DD', 'logReviews[0].reviewer: is required']),
    );
  });

  test('keeps the officer\'s annotations (fields the register does not define) as they are', () => {
    const next = addLogReview({ riskAnalysis: { completedOn: '2026-01-15', document: 'risk.pdf' }, notes: 'kept' }, review, 'register.json');
    expect(next).toMatchObject({ riskAnalysis: { completedOn: '2026-01-15', document: 'risk.pdf' }, notes: 'kept' });
  });
});

describe('signLogReview', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sign-test-'));
    file = join(dir, 'register.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('appends to the file as 2-space JSON, keeps the rest, its mode, and leaves no temporary file', () => {
    writeFileSync(file, JSON.stringify(register));
    chmodSync(file, 0o640);
    const added = signLogReview(file, review);
    expect(added).toEqual(review);
    const text = readFileSync(file, 'utf8');
    // The new entry's fields in the order CONTRACT §6 shows them.
    const entry = { reviewedOn: '2026-11-24', reviewer: 'hmartin', recordsSampled: 25, anomalies: 1, actions: review.actions };
    expect(text).toBe(`${JSON.stringify({ ...register, logReviews: [...register.logReviews, entry] }, null, 2)}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['register.json']);
  });

  test('two reviews in a row are both kept', () => {
    writeFileSync(file, '{}');
    signLogReview(file, review);
    signLogReview(file, { ...review, reviewedOn: '2026-12-01', anomalies: 0, actions: '' });
    expect(JSON.parse(readFileSync(file, 'utf8')).logReviews.map((r: { reviewedOn: string }) => r.reviewedOn)).toEqual(['2026-11-24', '2026-12-01']);
  });

  test('refuses a missing file or bad JSON naming the file, and never writes', () => {
    expect(() => signLogReview(file, review)).toThrow(new RegExp(`${file} is invalid:\\n {2}- \\(root\\): cannot be read \\(ENOENT\\)`));
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(file, '{ "logReviews": [ ');
    expect(() => signLogReview(file, review)).toThrow(/is not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{ "logReviews": [ ');
  });

  test('leaves the file untouched when the review is refused', () => {
    const original = JSON.stringify(register, null, 4);
    writeFileSync(file, original);
    expect(() => signLogReview(file, { ...review, reviewer: '' })).toThrow(InputError);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(readdirSync(dir)).toEqual(['register.json']);
  });
  test('a write that fails: the file named with the error code, the original kept, no temporary file left', () => {
    const original = JSON.stringify(register);
    writeFileSync(file, original);
    const fs = require('node:fs') as typeof import('node:fs');
    const real = fs.writeSync;
    // Permissions do not stop root: the disk's refusal is simulated, as the OS reports it.
    const spy = jest.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    try {
      expect(issuesOf(() => signLogReview(file, review))).toEqual([': cannot be written (ENOSPC)']);
    } finally {
      spy.mockRestore();
    }
    expect(fs.writeSync).toBe(real);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(readdirSync(dir)).toEqual(['register.json']);
  });

  test('the temporary file sits beside the register, hidden, and is renamed over it', () => {
    writeFileSync(file, '{}');
    const fs = require('node:fs') as typeof import('node:fs');
    const renames: [string, string][] = [];
    const real = fs.renameSync;
    const spy = jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      renames.push([String(from), String(to)]);
      real(from, to);
    });
    try {
      signLogReview(file, review);
    } finally {
      spy.mockRestore();
    }
    expect(renames).toHaveLength(1);
    expect(renames[0][1]).toBe(file);
    expect(renames[0][0]).toMatch(new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.register\\.json\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`));
  });
});
