import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, parseConfig } from '../../../lib/config/load';
import type { ConfigInput } from '../../../lib/config/schema';

const example = (): ConfigInput => JSON.parse(readFileSync('config/coding-env.json', 'utf8')) as ConfigInput;
const ORG = { enabled: true, organizationId: 'o-a1b2c3d4e5', targetOrganizationalUnitIds: ['r-ab12'] } as const;

function issuesOf(awsOrganization: unknown): string[] {
  const raw = example() as Record<string, unknown>;
  raw.awsOrganization = awsOrganization;
  try {
    parseConfig(raw, 'test.json');
  } catch (err) {
    if (err instanceof InputError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('config awsOrganization (docs/config.md, docs/organizations.md)', () => {
  test('absent, the environment audits its own account only', () => {
    expect(parseConfig(example(), 'x').awsOrganization).toEqual({ enabled: false });
    expect(issuesOf({ enabled: false })).toEqual([]);
  });

  test('enabled: the defaults are filled in', () => {
    const raw = { ...example(), awsOrganization: ORG };
    expect(parseConfig(raw, 'x').awsOrganization).toEqual({ ...ORG, deployedFrom: 'management', memberRoleName: 'coding-env-audit', maxConcurrency: 10 });
    expect(issuesOf({ ...ORG, targetOrganizationalUnitIds: ['ou-ab12-11111111', 'ou-ab12-22222222'], deployedFrom: 'delegated-admin', maxConcurrency: 100 })).toEqual([]);
  });

  test('each bad value is refused at its own path', () => {
    expect(issuesOf({ ...ORG, organizationId: 'o-short' })).toEqual(['awsOrganization.organizationId: must be an organization id such as o-a1b2c3d4e5']);
    expect(issuesOf({ ...ORG, targetOrganizationalUnitIds: [] })).toEqual(['awsOrganization.targetOrganizationalUnitIds: name the root (r-...) or at least one organizational unit']);
    expect(issuesOf({ ...ORG, targetOrganizationalUnitIds: ['r-ab12', '123456789012'] })).toEqual([
      'awsOrganization.targetOrganizationalUnitIds[1]: must be the root id (r-...) or an organizational unit id (ou-...-...)',
    ]);
    expect(issuesOf({ ...ORG, targetOrganizationalUnitIds: ['r-ab12', 'r-ab12'] })).toEqual(['awsOrganization.targetOrganizationalUnitIds[1]: duplicate target r-ab12']);
    expect(issuesOf({ ...ORG, targetOrganizationalUnitIds: ['r-ab12', 'ou-cd34-11111111'] })).toEqual(['awsOrganization.targetOrganizationalUnitIds[1]: is not under the root r-ab12 named beside it']);
    expect(issuesOf({ ...ORG, maxConcurrency: 0 })).toEqual([expect.stringMatching(/^awsOrganization\.maxConcurrency: /)]);
    expect(issuesOf({ ...ORG, maxConcurrency: 101 })).toEqual([expect.stringMatching(/^awsOrganization\.maxConcurrency: /)]);
    expect(issuesOf({ ...ORG, memberRoleName: 'no spaces allowed' })).toEqual(['awsOrganization.memberRoleName: must be 1-64 letters, digits or +=,.@_-']);
    expect(issuesOf({ ...ORG, deployedFrom: 'member' })).toEqual([expect.stringMatching(/^awsOrganization\.deployedFrom: /)]);
    expect(issuesOf({ ...ORG, ous: ['r-ab12'] })).toEqual(['awsOrganization.ous: unknown field (check its spelling)']);
  });

  test('enabled without its settings names each missing field', () => {
    expect(issuesOf({ enabled: true })).toEqual(['awsOrganization.organizationId: is required', 'awsOrganization.targetOrganizationalUnitIds: is required']);
  });

  test('`coding-env validate` refuses a bad organization section with exit 2, naming the field, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'org-config-'));
    const file = join(dir, 'coding-env.json');
    writeFileSync(file, JSON.stringify({ ...example(), awsOrganization: { ...ORG, organizationId: 'bad' } }));
    const run = spawnSync(process.execPath, ['bin/coding-env.js', 'validate', '--config', file], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('awsOrganization.organizationId: must be an organization id such as o-a1b2c3d4e5');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
