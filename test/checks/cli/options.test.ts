import { parseArguments } from '../../../checks/cli/args';
import { parseCommand } from '../../../checks/cli/options';
import { UsageError } from '../../../checks/cli/usage';
import { usageErrorOf } from './usage-error-of';

// In-process: every command line parseCommand accepts (the exact options it yields) and every
// one it refuses (the exact message naming the flag, and the command whose synopsis is shown).
const now = new Date('2026-11-20T12:00:00Z');
const AUDIT = ['audit', '--config', 'c.json', '--register', 'r.json', '--out', 'o'];
const REVIEW = ['review', '--config', 'c.json', '--out', 'o'];
const SIGN = ['review', 'sign', '--register', 'r.json', '--reviewer', 'amorgan', '--sampled', '12', '--anomalies', '0'];

const refusal = (argv: string[]): UsageError => usageErrorOf(argv, now);

describe('parseCommand: audit', () => {
  test('--evidence with every default', () => {
    expect(parseCommand([...AUDIT, '--evidence', 'ev'], now)).toEqual({
      name: 'audit',
      options: { config: 'c.json', register: 'r.json', out: 'o', source: { kind: 'evidence', dir: 'ev' }, asOf: now, days: 30, failOn: undefined, pdf: false, previous: undefined, securityHub: false },
    });
  });

  test('every option given', () => {
    const cmd = parseCommand([...AUDIT, '--evidence', 'ev', '--as-of', '2026-11-01', '--days', '90', '--fail-on', 'medium', '--pdf', '--security-hub', '--previous', 'a.json', '--previous', 'b.json'], now);
    expect(cmd).toEqual({
      name: 'audit',
      options: { config: 'c.json', register: 'r.json', out: 'o', source: { kind: 'evidence', dir: 'ev' }, asOf: new Date('2026-11-01T23:59:59Z'), days: 90, failOn: 'medium', pdf: true, previous: ['a.json', 'b.json'], securityHub: true },
    });
  });

  test('--as-of as a time keeps it; one --previous is a list of one', () => {
    const cmd = parseCommand([...AUDIT, '--evidence', 'ev', '--as-of', '2026-11-01T08:30:00+01:00', '--previous', 'a.json'], now);
    expect(cmd).toMatchObject({ options: { asOf: new Date('2026-11-01T07:30:00Z'), previous: ['a.json'] } });
  });

  test('--days at its bounds', () => {
    expect(parseCommand([...AUDIT, '--evidence', 'ev', '--days', '1'], now)).toMatchObject({ options: { days: 1 } });
    expect(parseCommand([...AUDIT, '--evidence', 'ev', '--days', '3650'], now)).toMatchObject({ options: { days: 3650 } });
  });

  test('--live with its options, and without', () => {
    expect(parseCommand([...AUDIT, '--live', '--regions', ' us-east-1, ,eu-west-2 ', '--trail-bucket', 'b', '--trail-prefix', 'p/'], now)).toMatchObject({
      options: { source: { kind: 'live', regions: ['us-east-1', 'eu-west-2'], trailBucket: 'b', trailPrefix: 'p/' } },
    });
    const bare = parseCommand([...AUDIT, '--live'], now);
    expect(bare).toMatchObject({ name: 'audit' });
    expect(bare.name === 'audit' && bare.options.source).toEqual({ kind: 'live', regions: undefined, trailBucket: undefined, trailPrefix: undefined });
  });

  test('--athena, with and without --regions', () => {
    const bare = parseCommand([...AUDIT, '--athena'], now);
    expect(bare.name === 'audit' && bare.options.source).toEqual({ kind: 'athena' });
    const regions = parseCommand([...AUDIT, '--athena', '--regions', 'us-gov-west-1'], now);
    expect(regions.name === 'audit' && regions.options.source).toEqual({ kind: 'athena', regions: ['us-gov-west-1'] });
  });

  test.each([
    [['--evidence', 'ev', '--live'], 'audit needs exactly one of --evidence DIR, --live or --athena'],
    [['--live', '--athena'], 'audit needs exactly one of --evidence DIR, --live or --athena'],
    [['--evidence', 'ev', '--athena'], 'audit needs exactly one of --evidence DIR, --live or --athena'],
    [[], 'audit needs exactly one of --evidence DIR, --live or --athena'],
    [['--evidence', 'ev', '--regions', 'us-east-1'], '--regions applies only with --live'],
    [['--evidence', 'ev', '--trail-bucket', 'b'], '--trail-bucket applies only with --live'],
    [['--evidence', 'ev', '--trail-prefix', 'p'], '--trail-prefix applies only with --live'],
    [['--athena', '--trail-bucket', 'b'], '--trail-bucket applies only with --live (with --athena the archive is the table coding_env_audit.cloudtrail)'],
    [['--athena', '--trail-prefix', 'p'], '--trail-prefix applies only with --live (with --athena the archive is the table coding_env_audit.cloudtrail)'],
    [['--live', '--trail-prefix', 'p'], '--trail-prefix needs --trail-bucket'],
    [['--live', '--regions', 'us-east-1,Mars'], '--regions must be AWS regions separated by commas, got "us-east-1,Mars"'],
    [['--live', '--regions', ' , '], '--regions must be AWS regions separated by commas, got " , "'],
    [['--live', '--regions', 'xus-east-1'], '--regions must be AWS regions separated by commas, got "xus-east-1"'],
    [['--live', '--regions', 'us-east-12'], '--regions must be AWS regions separated by commas, got "us-east-12"'],
    [['--live', '--regions', 'us-1'], '--regions must be AWS regions separated by commas, got "us-1"'],
    [['--evidence', 'ev', '--days', '0'], '--days must be a whole number of days from 1 to 3650, got "0"'],
    [['--evidence', 'ev', '--days', '3651'], '--days must be a whole number of days from 1 to 3650, got "3651"'],
    [['--evidence', 'ev', '--days', '7d'], '--days must be a whole number of days from 1 to 3650, got "7d"'],
    [['--evidence', 'ev', '--days', 'x7'], '--days must be a whole number of days from 1 to 3650, got "x7"'],
    [['--evidence', 'ev', '--fail-on', 'critical'], '--fail-on must be high, medium or low, got "critical"'],
    [['--evidence', 'ev', '--as-of', '2026-02-30'], '--as-of must be an ISO date or time such as 2026-11-20 or 2026-11-20T12:00:00Z, got "2026-02-30"'],
    [['--evidence', 'ev', '--as-of', '2026-11-20T12:00:00'], '--as-of must be an ISO date or time such as 2026-11-20 or 2026-11-20T12:00:00Z, got "2026-11-20T12:00:00"'],
    [['--evidence', 'ev', '--as-of', 'x2026-11-20'], '--as-of must be an ISO date or time such as 2026-11-20 or 2026-11-20T12:00:00Z, got "x2026-11-20"'],
    [['--evidence', 'ev', '--week-ending', '2026-11-20'], '--week-ending does not apply to audit'],
    [['--evidence', 'ev', '--patient', 'P1'], '--patient does not apply to audit'],
    [['--evidence', 'ev', 'extra'], 'unexpected argument "extra"'],
  ])('refuses %j', (extra, message) => {
    const err = refusal([...AUDIT, ...extra]);
    expect(err.message).toBe(message);
    expect(err.command).toBe('audit');
  });

  test.each(['config', 'register', 'out'])('needs --%s (missing or empty)', (flag) => {
    const argv = [...AUDIT, '--evidence', 'ev'];
    const at = argv.indexOf(`--${flag}`);
    const without = [...argv.slice(0, at), ...argv.slice(at + 2)];
    expect(refusal(without).message).toBe(`audit needs --${flag}`);
    const empty = [...argv];
    empty[at + 1] = '';
    expect(refusal(empty).message).toBe(`audit needs --${flag}`);
  });

  test('an empty --evidence is missing', () => {
    expect(refusal([...AUDIT, '--evidence', '']).message).toBe('audit needs --evidence');
  });

  test('--trail-prefix with --trail-bucket is fine', () => {
    expect(parseCommand([...AUDIT, '--live', '--trail-bucket', 'b', '--trail-prefix', 'p'], now)).toMatchObject({ options: { source: { trailBucket: 'b', trailPrefix: 'p' } } });
  });
});

describe('parseCommand: review and review sign', () => {
  test('review with defaults and with every option', () => {
    expect(parseCommand([...REVIEW, '--evidence', 'ev'], now)).toEqual({
      name: 'review',
      options: { config: 'c.json', source: { kind: 'evidence', dir: 'ev' }, out: 'o', weekEnding: undefined, sampleSize: undefined, seed: undefined },
    });
    expect(parseCommand([...REVIEW, '--live', '--week-ending', '2026-11-14', '--sample', '7', '--seed', 's'], now)).toEqual({
      name: 'review',
      options: { config: 'c.json', source: { kind: 'live', regions: undefined, trailBucket: undefined, trailPrefix: undefined }, out: 'o', weekEnding: '2026-11-14', sampleSize: 7, seed: 's' },
    });
  });

  test.each([
    [['--evidence', 'ev', '--week-ending', '2026-11-1'], '--week-ending must be a date YYYY-MM-DD, got "2026-11-1"'],
    [['--evidence', 'ev', '--week-ending', 'x2026-11-14'], '--week-ending must be a date YYYY-MM-DD, got "x2026-11-14"'],
    [['--evidence', 'ev', '--week-ending', '2026-11-14x'], '--week-ending must be a date YYYY-MM-DD, got "2026-11-14x"'],
    [['--evidence', 'ev', '--sample', 'ten'], '--sample must be a whole number, got "ten"'],
    [['--evidence', 'ev', '--sample', '1.5'], '--sample must be a whole number, got "1.5"'],
    [['--evidence', 'ev', '--sample', 'x5'], '--sample must be a whole number, got "x5"'],
    [['--evidence', 'ev', '--register', 'r.json'], '--register does not apply to review'],
    [['--evidence', 'ev', '--live'], 'review needs exactly one of --evidence DIR or --live'],
    [[], 'review needs exactly one of --evidence DIR or --live'],
    [['--athena'], '--athena does not apply to review'],
  ])('review refuses %j', (extra, message) => {
    const err = refusal([...REVIEW, ...extra]);
    expect(err.message).toBe(message);
    expect(err.command).toBe('review');
  });

  test('review needs --out and --config', () => {
    expect(refusal(['review', '--config', 'c.json', '--evidence', 'ev']).message).toBe('review needs --out');
    expect(refusal(['review', '--out', 'o', '--evidence', 'ev']).message).toBe('review needs --config');
  });

  test('review sign with the required options, and with every option', () => {
    expect(parseCommand(SIGN, now)).toEqual({
      name: 'review-sign',
      options: { register: 'r.json', reviewer: 'amorgan', sampled: 12, anomalies: 0, actions: undefined, on: undefined, config: undefined },
    });
    expect(parseCommand([...SIGN, '--actions', 'none', '--on', '2026-11-19', '--config', 'c.json'], now)).toEqual({
      name: 'review-sign',
      options: { register: 'r.json', reviewer: 'amorgan', sampled: 12, anomalies: 0, actions: 'none', on: '2026-11-19', config: 'c.json' },
    });
  });

  test.each([
    [['--on', '19.11.2026'], '--on must be a date YYYY-MM-DD, got "19.11.2026"'],
    [['--on', 'x2026-11-19'], '--on must be a date YYYY-MM-DD, got "x2026-11-19"'],
    [['--on', '2026-11-19x'], '--on must be a date YYYY-MM-DD, got "2026-11-19x"'],
    [['--out', 'o'], '--out does not apply to review sign'],
    [['extra'], 'unexpected argument "extra"'],
  ])('review sign refuses %j', (extra, message) => {
    const err = refusal([...SIGN, ...extra]);
    expect(err.message).toBe(message);
    expect(err.command).toBe('review sign');
  });

  test('review sign: counts are whole numbers, each required option named', () => {
    expect(refusal(SIGN.map((a) => (a === '12' ? '-1x' : a)).map((a, i, all) => (all[i - 1] === '--sampled' ? 'twelve' : a))).message).toBe('--sampled must be a whole number, got "twelve"');
    expect(refusal(SIGN.map((a, i, all) => (all[i - 1] === '--anomalies' ? '0.5' : a))).message).toBe('--anomalies must be a whole number, got "0.5"');
    for (const flag of ['register', 'reviewer', 'sampled', 'anomalies']) {
      const at = SIGN.indexOf(`--${flag}`);
      expect(refusal([...SIGN.slice(0, at), ...SIGN.slice(at + 2)]).message).toBe(`review sign needs --${flag}`);
    }
  });
});

describe('parseCommand: validate, investigate, help, unknown', () => {
  test('validate with and without --register', () => {
    expect(parseCommand(['validate', '--config', 'c.json'], now)).toEqual({ name: 'validate', options: { config: 'c.json', register: undefined } });
    expect(parseCommand(['validate', '--config', 'c.json', '--register', 'r.json'], now)).toEqual({ name: 'validate', options: { config: 'c.json', register: 'r.json' } });
    expect(refusal(['validate']).message).toBe('validate needs --config');
    const err = refusal(['validate', '--config', 'c.json', '--out', 'o']);
    expect([err.message, err.command]).toEqual(['--out does not apply to validate', 'validate']);
  });

  test('investigate: evidence or athena, exactly one', () => {
    const base = ['investigate', '--config', 'c.json', '--patient', 'P1', '--from', '2026-11-01', '--to', '2026-11-02', '--out', 'o'];
    expect(parseCommand([...base, '--evidence', 'ev'], now)).toEqual({
      name: 'investigate',
      options: { config: 'c.json', source: { kind: 'evidence', dir: 'ev' }, subject: { kind: 'patient', id: 'P1' }, range: { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-02T23:59:59.999Z') }, out: 'o' },
    });
    expect(parseCommand([...base, '--athena'], now)).toMatchObject({ options: { source: { kind: 'athena' } } });
    for (const extra of [[], ['--evidence', 'ev', '--athena']]) {
      const err = refusal([...base, ...extra]);
      expect([err.message, err.command]).toEqual(['investigate needs exactly one of --evidence DIR or --athena', 'investigate']);
    }
    expect(refusal([...base, '--evidence', '']).message).toBe('investigate needs --evidence');
    expect(refusal(['investigate', '--evidence', 'ev', '--patient', 'P1', '--out', 'o']).message).toBe('investigate needs --config');
  });

  test('investigate: the subject must be a plain value; a --from after today says so', () => {
    const base = ['investigate', '--config', 'c.json', '--evidence', 'ev', '--out', 'o'];
    expect(refusal([...base, '--patient', '  ']).message).toBe('--patient must be a non-empty value without control characters');
    expect(refusal([...base, '--person', 'jdoe\u0007']).message).toBe('--person must be a non-empty value without control characters');
    expect(refusal([...base, '--prefix', 'a\u007fb']).message).toBe('--prefix must be a non-empty value without control characters');
    expect(refusal([...base, '--person', 'a/b']).message).toBe('--person must be an id, without "/" (use --prefix for a key prefix)');
    expect(parseCommand([...base, '--prefix', 'cardiology/P1'], now)).toMatchObject({ options: { subject: { kind: 'prefix', prefix: 'cardiology/P1' } } });
    expect(parseCommand([...base, '--person', 'jdoe'], now)).toMatchObject({ options: { subject: { kind: 'person', id: 'jdoe' } } });
    expect(refusal([...base, '--patient', 'P1', '--from', '2026-11-21']).message).toBe('--from must be on or before --to (today)');
    expect(refusal([...base, '--patient', 'P1', '--from', '2026-11-21', '--to', '2026-11-20']).message).toBe('--from must be on or before --to');
    expect(refusal([...base, '--patient', 'P1', '--to', '2026-11-31']).message).toBe('--to must be a date YYYY-MM-DD, got "2026-11-31"');
    // The same day as --from and --to: the whole day.
    expect(parseCommand([...base, '--patient', 'P1', '--from', '2026-11-20', '--to', '2026-11-20'], now)).toMatchObject({ options: { range: { from: new Date('2026-11-20T00:00:00Z'), to: now } } });
    expect(parseCommand([...base, '--patient', 'P1', '--from', '2026-11-19', '--to', '2026-11-19'], now)).toMatchObject({ options: { range: { from: new Date('2026-11-19T00:00:00Z'), to: new Date('2026-11-19T23:59:59.999Z') } } });
    // Default: from six years before the end, to now.
    expect(parseCommand([...base, '--patient', 'P1'], now)).toMatchObject({ options: { range: { from: new Date('2020-11-20T00:00:00Z'), to: now } } });
    expect(parseCommand([...base, '--patient', 'P1', '--to', '2026-03-15'], now)).toMatchObject({ options: { range: { from: new Date('2020-03-15T00:00:00Z'), to: new Date('2026-03-15T23:59:59.999Z') } } });
  });

  test('help and version', () => {
    expect(parseCommand(['help'], now)).toEqual({ name: 'help', topic: undefined });
    expect(parseCommand(['help', 'audit'], now)).toEqual({ name: 'help', topic: 'audit' });
    expect(parseCommand(['help', 'review', 'sign'], now)).toEqual({ name: 'help', topic: 'review sign' });
    expect(parseCommand(['help', 'review'], now)).toEqual({ name: 'help', topic: 'review' });
    expect(parseCommand(['review', '--help'], now)).toEqual({ name: 'help', topic: 'review' });
    expect(parseCommand(['review', 'sign', '--help'], now)).toEqual({ name: 'help', topic: 'review sign' });
    expect(parseCommand(['audit', '--version'], now)).toEqual({ name: 'version' });
    expect(parseCommand(['--help'], now)).toEqual({ name: 'help', topic: undefined });
  });

  test('"sign" makes review sign only after review', () => {
    const err = refusal([...AUDIT, '--evidence', 'ev', 'sign']);
    expect([err.message, err.command]).toEqual(['unexpected argument "sign"', 'audit']);
    // Right after another command, "sign" is still that command's stray argument.
    const right = refusal(['audit', 'sign']);
    expect([right.message, right.command]).toEqual(['unexpected argument "sign"', 'audit']);
    expect(parseCommand(['help', 'audit', 'sign'], now)).toEqual({ name: 'help', topic: 'audit' });
  });

  test('an unknown command names itself and the known ones', () => {
    const err = refusal(['frobnicate', '--config', 'c.json']);
    expect(err.message).toBe('unknown command "frobnicate" (expected audit, investigate, validate, review or review sign)');
    expect(err.command).toBe('frobnicate');
  });

  test('an argument parse error carries the command, review sign included', () => {
    expect(refusal(['review', 'sign', '--nope']).command).toBe('review sign');
    expect(refusal(['review', '--nope']).command).toBe('review');
    expect(refusal(['--nope']).command).toBeUndefined();
  });

  test('a usage error that already names its command keeps it', () => {
    // parseArguments names the command it was given; parseCommand passes it on unchanged.
    expect(refusal(['investigate', '--config', '--x']).command).toBe('investigate');
  });
});

describe('parseArguments', () => {
  const spec = { out: { type: 'string' }, pdf: { type: 'boolean' }, previous: { type: 'string', multiple: true }, evidence: { type: 'string' }, days: { type: 'string' } } as const;

  test('values, switches, repeated options and positionals', () => {
    expect(parseArguments(['audit', '--out', 'o', '--pdf', '--previous', 'a', '--previous=b', 'x'], spec)).toEqual({ values: { out: 'o', pdf: true, previous: ['a', 'b'] }, positionals: ['audit', 'x'] });
  });

  test('after -- everything is a positional', () => {
    expect(parseArguments(['--', '--out'], spec)).toEqual({ values: {}, positionals: ['--out'] });
  });

  test('an inline value may start with "-"; "-" alone is a value', () => {
    expect(parseArguments(['--out=-x'], spec).values).toEqual({ out: '-x' });
    expect(parseArguments(['--out', '-'], spec).values).toEqual({ out: '-' });
  });

  test.each([
    [['--nope'], 'unknown option --nope'],
    [['-z'], 'unknown option -z'],
    [['-zq'], 'unknown option -z'],
    [['--evidnce'], 'unknown option --evidnce (did you mean --evidence?)'],
    [['--evidenc'], 'unknown option --evidenc (did you mean --evidence?)'],
    [['--evdnce'], 'unknown option --evdnce (did you mean --evidence?)'],
    // Three edits from evidence: too far.
    [['--evdnc'], 'unknown option --evdnc'],
    // A short name: a third of 3 letters is 1 edit at most.
    [['--pdd'], 'unknown option --pdd (did you mean --pdf?)'],
    // Two letters: no edit allowed at all.
    [['--ou'], 'unknown option --ou'],
    [['--oxx'], 'unknown option --oxx'],
    // Two known options within reach: the nearer one.
    [['--dayz'], 'unknown option --dayz (did you mean --days?)'],
    [['--pdf=yes'], '--pdf is a switch and takes no value (write --pdf alone)'],
    [['--out'], '--out needs a value'],
    [['--out', '--pdf'], '--out needs a value, but the next argument is the option --pdf (for a value starting with "-", write --out=VALUE)'],
    [['--out', '--days=3'], '--out needs a value, but the next argument is the option --days (for a value starting with "-", write --out=VALUE)'],
    [['--out', 'a', '--out', 'b'], '--out is given more than once'],
    [['--out', 'a', '--out=a'], '--out is given more than once'],
  ])('%j is refused in our words', (argv, message) => {
    let err: unknown;
    try {
      parseArguments(argv, spec, 'audit');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe(message);
    expect((err as UsageError).command).toBe('audit');
  });

  test('the nearest known option wins over an earlier one further away', () => {
    // abcdxx is two edits from abcdeg and comes first; abcdef, one edit, replaces it.
    const two = { abcdxx: { type: 'boolean' }, abcdef: { type: 'boolean' } } as const;
    expect(() => parseArguments(['--abcdeg'], two)).toThrow('unknown option --abcdeg (did you mean --abcdef?)');
    const order = { abcdef: { type: 'boolean' }, abcdeg: { type: 'boolean' } } as const;
    // Both one edit away from abcdex: the first found stays (a tie does not replace it).
    expect(() => parseArguments(['--abcdex'], order)).toThrow('unknown option --abcdex (did you mean --abcdef?)');
  });

  test('edit distance counts insertions, deletions and substitutions', () => {
    const known = { kitten: { type: 'boolean' } } as const;
    expect(() => parseArguments(['--sitten'], known)).toThrow('(did you mean --kitten?)');
    expect(() => parseArguments(['--kiten'], known)).toThrow('(did you mean --kitten?)');
    expect(() => parseArguments(['--kittens'], known)).toThrow('(did you mean --kitten?)');
    expect(() => parseArguments(['--sittin'], known)).toThrow('(did you mean --kitten?)');
    expect(() => parseArguments(['--sittig'], known)).toThrow(/^unknown option --sittig$/);
  });
});
