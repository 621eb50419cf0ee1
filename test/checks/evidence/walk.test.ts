import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
