import { readFileSync } from 'node:fs';
import { InputError, parseConfig } from '../../../lib/config/load';

const example = (): { people: Record<string, unknown>[] } => JSON.parse(readFileSync('config/coding-env.json', 'utf8'));

function issuesOf(raw: unknown): string[] {
  try {
    parseConfig(raw, 'test.json');
  } catch (err) {
    if (err instanceof InputError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('config: a coder needs at least one specialty', () => {
  test('a coder without specialties is refused at people[i].specialties', () => {
    const raw = example();
    raw.people[1].specialties = [];
    expect(issuesOf(raw)).toEqual(['people[1].specialties: a coder needs at least one specialty']);
  });

  test('a coder whose specialties are omitted is refused too', () => {
    const raw = example();
    delete raw.people[0].specialties;
    expect(issuesOf(raw)).toEqual(['people[0].specialties: a coder needs at least one specialty']);
  });

  test('auditors and admins need none', () => {
    const raw = example();
    expect(raw.people.filter((p) => p.role === 'auditor' || p.role === 'admin').every((p) => (p.specialties as unknown[]).length === 0)).toBe(true);
    expect(issuesOf(raw)).toEqual([]);
  });
});

describe('config: a person id is also a tag value', () => {
  test('a comma in a person id is refused at people[i].id', () => {
    const raw = example();
    raw.people[2].id = 'm,garcia';
    expect(issuesOf(raw)).toEqual(['people[2].id: must not contain a comma (it is also the person-id tag value)']);
  });
});
