import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Every Markdown link target of a file (inline links and images), code blocks left out. */
function linksOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

const inRepo = (from: string, target: string) => {
  const path = resolve(dirname(from), target.split('#')[0]);
  return { path, inside: !relative(ROOT, path).startsWith('..') };
};

describe('the repository documents itself', () => {
  const readme = join(ROOT, 'README.md');

  test('the README links nothing outside the repository, and every link resolves', () => {
    const links = linksOf(readme);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      if (link.startsWith('#')) continue;
      expect(link).not.toMatch(/^[a-z]+:/i); // no http(s):, file: ...
      const { path, inside } = inRepo(readme, link);
      expect({ link, inside }).toEqual({ link, inside: true });
      expect({ link, exists: existsSync(path) }).toEqual({ link, exists: true });
    }
    const text = readFileSync(readme, 'utf8');
    expect(text).not.toMatch(/CONTRACT\.md|\/work\/|\.\.\/shared/);
    expect(links).toContain('docs/README.md');
  });

  test('the docs never point outside the repository by path', () => {
    const docs = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
    for (const doc of docs) {
      const file = join(ROOT, 'docs', doc);
      expect(readFileSync(file, 'utf8')).not.toMatch(/CONTRACT\.md|\/work\/shared|\.\.\/shared/);
      for (const link of linksOf(file).filter((l) => !/^([a-z]+:|#)/i.test(l))) {
        expect({ doc, link, inside: inRepo(file, link).inside }).toEqual({ doc, link, inside: true });
      }
    }
  });

  test('the user docs of every public interface exist, and the index links each', () => {
    const index = readFileSync(join(ROOT, 'docs', 'README.md'), 'utf8');
    for (const page of ['config.md', 'evidence.md', 'cli.md', 'checks.md', 'register.md', 'gates.md', 'controls.md']) {
      expect(existsSync(join(ROOT, 'docs', page))).toBe(true);
      expect(index).toContain(`](${page})`);
    }
  });

  test('a LICENSE with the Apache License 2.0 text package.json declares', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('Apache-2.0');
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(license).toContain('END OF TERMS AND CONDITIONS');
  });

  test('review worksheets (PHI object keys) are ignored by git', () => {
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('review/');
  });
});
