import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArguments } from '../../../checks/cli/args';
import { COMMAND_HELP, helpText, synopsis } from '../../../checks/cli/help';
import { USAGE } from '../../../checks/cli/usage';
import { parseCommand } from '../../../checks/cli/options';
import { usageErrorOf } from './usage-error-of';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/coding-env.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const now = new Date('2026-11-20T12:00:00Z');
const usageError = (argv: string[]) => usageErrorOf(argv, now);
// Node's parseArgs wording, which must never reach a user.
const NODE_WORDING = /ERR_PARSE_ARGS|To specify a positional argument|argument is ambiguous|Did you forget to specify|Unknown option '/;

describe('coding-env --version and --help', () => {
  test('--version prints the package version, exit 0', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(cli('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('each command has its own help, from --help, -h and help <command>', () => {
    expect(parseCommand(['audit', '--help'], now)).toEqual({ name: 'help', topic: 'audit' });
    expect(parseCommand(['review', 'sign', '-h'], now)).toEqual({ name: 'help', topic: 'review sign' });
    expect(parseCommand(['help', 'validate'], now)).toEqual({ name: 'help', topic: 'validate' });
    expect(parseCommand([], now)).toEqual({ name: 'help', topic: undefined });
    expect(parseCommand(['--version'], now)).toEqual({ name: 'version' });
    const texts = Object.values(COMMAND_HELP);
    expect(new Set(texts).size).toBe(texts.length);
    expect(COMMAND_HELP.audit).toMatch(/--security-hub/);
    expect(COMMAND_HELP['review sign']).toMatch(/--reviewer ID/);
  });

  test('help for a command prints its help; for none, or one that does not exist, the overview', () => {
    expect(helpText('audit')).toBe(COMMAND_HELP.audit);
    expect(helpText('review sign')).toBe(COMMAND_HELP['review sign']);
    expect(helpText()).toBe(USAGE);
    expect(helpText('frobnicate')).toBe(USAGE);
    // Not Object's own members either (coding-env help constructor).
    expect(helpText('constructor')).toBe(USAGE);
  });

  test('the synopsis is the command\'s first help line and where to find the rest; else the overview', () => {
    expect(synopsis('investigate')).toBe(`${COMMAND_HELP.investigate.split('\n')[0]}\nRun coding-env investigate --help for every option.`);
    expect(synopsis()).toBe(USAGE);
    expect(synopsis('frobnicate')).toBe(USAGE);
    expect(synopsis('toString')).toBe(USAGE);
  });

  test('coding-env audit --help prints the audit help only, exit 0', () => {
    const r = cli('audit', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${COMMAND_HELP.audit}\n`);
    const v = cli('review', 'sign', '--help');
    expect(v.stdout).toBe(`${COMMAND_HELP['review sign']}\n`);
  });

  test('every option an audit help names is one the parser accepts', () => {
    const named = [...COMMAND_HELP.audit.matchAll(/--([a-z-]+)/g)].map((m) => m[1]);
    for (const flag of new Set(named)) {
      const err = (() => {
        try {
          parseCommand(['audit', `--${flag}`], now);
          return undefined;
        } catch (e) {
          return e as Error;
        }
      })();
      expect(err?.message ?? '').not.toMatch(/unknown option/);
    }
  });
});

describe('parse errors in our words, naming the option, exit 2', () => {
  test.each([
    [['audit', '--nope'], /^unknown option --nope$/],
    [['audit', '--evidnce', 'x'], /^unknown option --evidnce \(did you mean --evidence\?\)$/],
    [['audit', '-x'], /^unknown option -x$/],
    [['audit', '--config'], /^--config needs a value$/],
    [['audit', '--config', '--live'], /^--config needs a value, but the next argument is the option --live \(for a value starting with "-", write --config=VALUE\)$/],
    [['audit', '--live=yes'], /^--live is a switch and takes no value/],
    [['audit', '--config', 'a.json', '--config', 'b.json'], /^--config is given more than once$/],
  ])('%j', (argv, message) => {
    const err = usageError(argv);
    expect(err.message).toMatch(message);
    expect(err.message).not.toMatch(NODE_WORDING);
    expect(err.command).toBe('audit');
  });

  test('a value may start with "-" when written with =', () => {
    expect(parseArguments(['--actions=-none-'], { actions: { type: 'string' } }).values).toEqual({ actions: '-none-' });
    expect(parseArguments(['--out', '-'], { out: { type: 'string' } }).values).toEqual({ out: '-' });
  });

  test('the CLI prints the message and the command\'s synopsis, exit 2, no Node wording', () => {
    const r = cli('audit', '--config', '--live');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^coding-env: --config needs a value, but the next argument is the option --live/);
    expect(r.stderr).toContain('Usage: coding-env audit');
    expect(r.stderr).toContain('Run coding-env audit --help for every option.');
    expect(r.stderr).not.toMatch(NODE_WORDING);
    const unknown = cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
