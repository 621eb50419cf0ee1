import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFiles, openRegular, readWholeFile, walkFiles, type WalkEntry } from '../../../checks/evidence/walk';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'walk-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const shown = (entries: WalkEntry[]) => entries.map((e) => (e.kind === 'file' ? `file ${e.path.slice(root.length + 1)}` : `${e.status} ${e.path}: ${e.problem}`));
const file = (rel: string, body = '{}') => {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), body);
};

describe('walkFiles', () => {
  test('every file at any depth, in name order, folders included in the order', () => {
    file('b.json');
    file('a/z.json');
    file('a/b/c.json');
    file('C.json');
    expect(shown(walkFiles(root, root))).toEqual(['file a/b/c.json', 'file a/z.json', 'file b.json', 'file C.json']);
  });

  test('a symlinked folder is followed; the same folder reached twice is read once and named', () => {
    file('archive/AWSLogs/one.json');
    symlinkSync(join(root, 'archive'), join(root, 'linked'));
    expect(shown(walkFiles(root, root))).toEqual(['file archive/AWSLogs/one.json', 'ignored linked: same folder as archive, whose files are read once']);
  });

  test('a link back into its own ancestry is a loop, named with the folder it leads to', () => {
    file('logs/x.json');
    symlinkSync(join(root, 'logs'), join(root, 'logs', 'again'));
    expect(shown(walkFiles(root, root))).toEqual(['ignored logs/again: symbolic link loop: leads back to logs, whose files are read once', 'file logs/x.json']);
  });

  test('a link to a file already read is read once', () => {
    file('a.json');
    symlinkSync(join(root, 'a.json'), join(root, 'b.json'));
    expect(shown(walkFiles(root, root))).toEqual(['file a.json', 'ignored b.json: same file as a.json (a link), read once']);
  });

  test('a broken link and a link to itself are skipped with the reason', () => {
    symlinkSync(join(root, 'gone.json'), join(root, 'broken.json'));
    symlinkSync(join(root, 'self.json'), join(root, 'self.json'));
    expect(shown(walkFiles(root, root))).toEqual([`skipped broken.json: broken symbolic link (to ${join(root, 'gone.json')})`, 'skipped self.json: symbolic link loop (it resolves to itself)']);
  });

  test('a FIFO is refused from its metadata, never opened (the walk does not wait)', () => {
    execFileSync('mkfifo', [join(root, 'pipe.json')]);
    expect(shown(walkFiles(root, root))).toEqual(['refused pipe.json: not a regular file (a FIFO): refused without opening it']);
  });

  test('a missing root is one skipped entry; paths are relative to base, the base itself "."', () => {
    expect(walkFiles(join(root, 'none'), root)).toEqual([{ kind: 'problem', path: 'none', status: 'skipped', problem: 'not found' }]);
    execFileSync('mkfifo', [join(root, 'p')]);
    expect(walkFiles(join(root, 'p'), join(root, 'p'))).toEqual([{ kind: 'problem', path: '.', status: 'refused', problem: 'not a regular file (a FIFO): refused without opening it' }]);
  });

  test('listFiles keeps only the files', () => {
    file('a.json');
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(listFiles(root)).toEqual([join(root, 'a.json')]);
  });
});

describe('openRegular and readWholeFile', () => {
  test('a regular file is read whole, past one read\'s worth of bytes', () => {
    const body = 'x'.repeat(200_000);
    file('big.csv', body);
    const r = readWholeFile(join(root, 'big.csv'), 1_048_576);
    expect(r.ok && r.bytes.toString()).toBe(body);
    file('empty.csv', '');
    const e = readWholeFile(join(root, 'empty.csv'), 1_048_576);
    expect(e.ok && e.bytes.length).toBe(0);
  });

  test('a file over the bound is refused, naming the bound in MiB; one at the bound is read', () => {
    file('r.csv', 'y'.repeat(2 * 1_048_576 + 1));
    expect(readWholeFile(join(root, 'r.csv'), 2 * 1_048_576)).toEqual({ ok: false, status: 'refused', problem: 'larger than the 2 MiB bound for this file: refused' });
    file('s.csv', 'y'.repeat(1_048_576));
    expect(readWholeFile(join(root, 's.csv'), 1_048_576).ok).toBe(true);
  });

  test('missing, a broken link, a folder, a FIFO: skipped or refused, each with its reason', () => {
    expect(readWholeFile(join(root, 'none.csv'), 10)).toEqual({ ok: false, status: 'skipped', problem: 'not found' });
    symlinkSync(join(root, 'gone'), join(root, 'link.csv'));
    expect(readWholeFile(join(root, 'link.csv'), 10)).toEqual({ ok: false, status: 'skipped', problem: `broken symbolic link (to ${join(root, 'gone')})` });
    mkdirSync(join(root, 'dir.csv'));
    expect(readWholeFile(join(root, 'dir.csv'), 10)).toEqual({ ok: false, status: 'refused', problem: 'not a regular file (a folder): refused without opening it' });
    execFileSync('mkfifo', [join(root, 'fifo.csv')]);
    expect(readWholeFile(join(root, 'fifo.csv'), 10)).toEqual({ ok: false, status: 'refused', problem: 'not a regular file (a FIFO): refused without opening it' });
  });

  test('openRegular refuses a FIFO without blocking and names a missing file', () => {
    execFileSync('mkfifo', [join(root, 'fifo')]);
    expect(openRegular(join(root, 'fifo'))).toEqual({ status: 'refused', problem: 'not a regular file (a FIFO): refused' });
    expect(openRegular(join(root, 'none'))).toEqual({ status: 'skipped', problem: 'not found' });
    file('ok', 'abc');
    const opened = openRegular(join(root, 'ok'));
    expect('fd' in opened && opened.size).toBe(3);
  });
});

describe('walkFiles and readWholeFile: every kind of thing that is not a regular file', () => {
  test('a socket, a character device and a block device (through links) are refused, each named', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(root, 'sock.json'), resolve));
    try {
      symlinkSync('/dev/null', join(root, 'null.json'));
      const devices = existsSync('/dev/loop0') ? ['/dev/loop0'] : [];
      for (const d of devices) symlinkSync(d, join(root, 'block.json'));
      expect(shown(walkFiles(root, root))).toEqual([
        ...(devices.length ? ['refused block.json: not a regular file (a block device): refused without opening it'] : []),
        'refused null.json: not a regular file (a character device): refused without opening it',
        'refused sock.json: not a regular file (a socket): refused without opening it',
      ]);
      expect(readWholeFile(join(root, 'sock.json'), 10)).toEqual({ ok: false, status: 'refused', problem: 'not a regular file (a socket): refused without opening it' });
      expect(readWholeFile(join(root, 'null.json'), 10)).toEqual({ ok: false, status: 'refused', problem: 'not a regular file (a character device): refused without opening it' });
      expect(openRegular('/dev/null')).toEqual({ status: 'refused', problem: 'not a regular file (a character device): refused' });
    } finally {
      server.close();
    }
  });

  test('a path through a file is not examinable: skipped with the system\'s code', () => {
    file('a.json');
    expect(walkFiles(join(root, 'a.json', 'x'), root)).toEqual([{ kind: 'problem', path: join('a.json', 'x'), status: 'skipped', problem: 'cannot be examined (ENOTDIR)' }]);
    expect(readWholeFile(join(root, 'a.json', 'x'), 10)).toEqual({ ok: false, status: 'skipped', problem: 'cannot be read (ENOTDIR)' });
    expect(openRegular(join(root, 'a.json', 'x'))).toEqual({ status: 'skipped', problem: 'cannot be read (ENOTDIR)' });
  });

  test('a folder reached again through two links is read once; a loop two levels down names the folder it leads to', () => {
    file('data/2026/11/a.json');
    symlinkSync(join(root, 'data'), join(root, 'data', '2026', '11', 'up'));
    symlinkSync(join(root, 'data', '2026'), join(root, 'z-year'));
    expect(shown(walkFiles(root, root))).toEqual([
      'file data/2026/11/a.json',
      'ignored data/2026/11/up: symbolic link loop: leads back to data, whose files are read once',
      'ignored z-year: same folder as data/2026, whose files are read once',
    ]);
  });

  test('a loop and a folder reached twice are problems (ignored), not files, each with its path and reason', () => {
    file('logs/x.json', 'abc');
    symlinkSync(join(root, 'logs'), join(root, 'logs', 'again'));
    symlinkSync(join(root, 'logs'), join(root, 'other'));
    expect(walkFiles(root, root)).toEqual([
      { kind: 'problem', path: join('logs', 'again'), status: 'ignored', problem: 'symbolic link loop: leads back to logs, whose files are read once' },
      { kind: 'file', path: join(root, 'logs', 'x.json'), size: 3 },
      { kind: 'problem', path: 'other', status: 'ignored', problem: 'same folder as logs, whose files are read once' },
    ]);
  });

  test('sizes are the bytes on disk; two hard links to one file are one file', () => {
    file('a.json', 'abcde');
    linkSync(join(root, 'a.json'), join(root, 'b.json'));
    expect(walkFiles(root, root)).toEqual([
      { kind: 'file', path: join(root, 'a.json'), size: 5 },
      { kind: 'problem', path: 'b.json', status: 'ignored', problem: 'same file as a.json (a link), read once' },
    ]);
  });

  test('a folder as the root is walked; a file as the root is itself', () => {
    file('only.json', 'x');
    expect(walkFiles(join(root, 'only.json'), root)).toEqual([{ kind: 'file', path: join(root, 'only.json'), size: 1 }]);
    expect(walkFiles(root, root)).toEqual([{ kind: 'file', path: join(root, 'only.json'), size: 1 }]);
  });

  test('readWholeFile: a bound of 0 bytes refuses a 1-byte file and reads an empty one; the bound in MiB is rounded', () => {
    file('one', 'x');
    file('zero', '');
    expect(readWholeFile(join(root, 'one'), 0)).toEqual({ ok: false, status: 'refused', problem: 'larger than the 0 MiB bound for this file: refused' });
    expect(readWholeFile(join(root, 'zero'), 0)).toEqual({ ok: true, bytes: Buffer.alloc(0) });
    file('big', 'y'.repeat(1_600_000));
    expect(readWholeFile(join(root, 'big'), 1_500_000)).toEqual({ ok: false, status: 'refused', problem: 'larger than the 1 MiB bound for this file: refused' });
    expect(readWholeFile(join(root, 'big'), 1_600_000)).toMatchObject({ ok: true, bytes: Buffer.from('y'.repeat(1_600_000)) });
  });

  test('readWholeFile follows a link to a regular file', () => {
    file('real.csv', 'abc');
    symlinkSync(join(root, 'real.csv'), join(root, 'link.csv'));
    expect(readWholeFile(join(root, 'link.csv'), 10)).toEqual({ ok: true, bytes: Buffer.from('abc') });
  });
});

/**
 * Failures a root user's test cannot provoke on disk (a folder that cannot be listed, a link
 * gone between two looks, a system error without a code) are simulated at the one fs call that
 * meets them; the others are real files under /proc that behave as the fault does.
 */
describe('walkFiles, openRegular and readWholeFile: errors met part way', () => {
  // The module object walk.ts calls into (an `import * as` would be a copy).
  const fs = require('node:fs') as typeof import('node:fs');
  const failing = <K extends 'lstatSync' | 'statSync' | 'readdirSync' | 'readlinkSync' | 'openSync' | 'readSync'>(name: K, when: (first: unknown) => boolean, err: Error) => {
    const real = fs[name] as (...a: unknown[]) => unknown;
    return jest.spyOn(fs, name).mockImplementation(((...a: unknown[]) => {
      if (when(a[0])) throw err;
      return real(...a);
    }) as never);
  };
  const coded = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
  afterEach(() => jest.restoreAllMocks());

  test('a folder that cannot be listed is skipped with the system\'s code, or "error" when it gives none; its siblings are still walked', () => {
    file('locked/a.json');
    file('open/b.json');
    const locked = join(root, 'locked');
    const spy = failing('readdirSync', (p) => p === locked, coded('EACCES'));
    expect(walkFiles(root, root)).toEqual([
      { kind: 'problem', path: 'locked', status: 'skipped', problem: 'folder cannot be listed (EACCES)' },
      { kind: 'file', path: join(root, 'open', 'b.json'), size: 2 },
    ]);
    spy.mockRestore();
    failing('readdirSync', (p) => p === locked, new Error('no code'));
    expect(shown(walkFiles(root, root))).toEqual(['skipped locked: folder cannot be listed (error)', 'file open/b.json']);
  });

  test('a path that cannot be examined, by an error with no code: "error"', () => {
    file('a.json');
    failing('lstatSync', (p) => p === join(root, 'a.json'), new Error('no code'));
    expect(shown(walkFiles(root, root))).toEqual(['skipped a.json: cannot be examined (error)']);
  });

  test('a broken link whose target cannot be read back (gone between two looks) leads "nowhere"', () => {
    symlinkSync(join(root, 'gone.json'), join(root, 'broken.json'));
    failing('readlinkSync', () => true, coded('ENOENT'));
    expect(shown(walkFiles(root, root))).toEqual(['skipped broken.json: broken symbolic link (to nowhere)']);
    expect(readWholeFile(join(root, 'broken.json'), 10)).toEqual({ ok: false, status: 'skipped', problem: 'broken symbolic link (to nowhere)' });
  });

  test('openRegular: a folder is refused, not being a file; an open failing with no code: "error"', () => {
    mkdirSync(join(root, 'dir'));
    expect(openRegular(join(root, 'dir'))).toEqual({ status: 'refused', problem: 'not a regular file (not a file): refused' });
    file('a.json');
    failing('openSync', (p) => p === join(root, 'a.json'), new Error('no code'));
    expect(openRegular(join(root, 'a.json'))).toEqual({ status: 'skipped', problem: 'cannot be read (error)' });
  });

  test('readWholeFile: stat failing with no code: "error"; a file turned into a FIFO between stat and open: refused by the open', () => {
    file('a.csv');
    const spy = failing('statSync', (p) => p === join(root, 'a.csv'), new Error('no code'));
    expect(readWholeFile(join(root, 'a.csv'), 10)).toEqual({ ok: false, status: 'skipped', problem: 'cannot be read (error)' });
    spy.mockRestore();
    execFileSync('mkfifo', [join(root, 'swapped.csv')]);
    const regular = fs.statSync(join(root, 'a.csv'));
    const real = fs.statSync;
    jest.spyOn(fs, 'statSync').mockImplementation(((p: string, ...rest: unknown[]) => (p === join(root, 'swapped.csv') ? regular : (real as (...a: unknown[]) => unknown)(p, ...rest))) as never);
    expect(readWholeFile(join(root, 'swapped.csv'), 10)).toEqual({ ok: false, status: 'refused', problem: 'not a regular file (a FIFO): refused' });
  });

  test('readWholeFile reads to the end, not to the size stat gave: /proc/self/status (size 0) is read, and refused past the bound', () => {
    const status = readWholeFile('/proc/self/status', 1_048_576);
    expect(status.ok && status.bytes.toString()).toMatch(/^Name:/);
    expect(readWholeFile('/proc/self/status', 100)).toEqual({ ok: false, status: 'refused', problem: 'larger than the 0 MiB bound for this file: refused' });
  });

  test('readWholeFile: a read that fails is skipped with its code (/proc/self/mem: EIO at offset 0), or "error" with none', () => {
    expect(readWholeFile('/proc/self/mem', 10)).toEqual({ ok: false, status: 'skipped', problem: 'cannot be read (EIO)' });
    file('a.csv', 'abc');
    failing('readSync', () => true, new Error('no code'));
    expect(readWholeFile(join(root, 'a.csv'), 10)).toEqual({ ok: false, status: 'skipped', problem: 'cannot be read (error)' });
  });
});
