import { readFileSync } from 'node:fs';
import { InputError, loadConfigFile, parseConfig } from '../../../lib/config/load';
import { staffedGroups } from '../../../lib/config/roster';

const example = (): Record<string, unknown> => JSON.parse(readFileSync('config/coding-env.json', 'utf8'));

function issuesOf(raw: unknown): string[] {
  try {
    parseConfig(raw, 'test.json');
  } catch (err) {
    if (err instanceof InputError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error('expected the config to be refused');
}

describe('config: the example organisation', () => {
  test('parses, with defaults filled in', () => {
    const config = loadConfigFile('config/coding-env.json');
    expect(config.people.map((p) => p.id)).toContain('jdoe');
    expect(config.thresholds.staleDays).toBe(90);
  });

  test('optional sections default: no service accounts, no vendors, workstations disabled', () => {
    const raw = example();
    for (const key of ['serviceAccounts', 'vendors', 'notifications', 'workstations', 'thresholds']) delete raw[key];
    const config = parseConfig(raw);
    expect(config.serviceAccounts).toEqual([]);
    expect(config.vendors).toEqual([]);
    expect(config.workstations).toEqual({ enabled: false });
    expect(config.thresholds).toEqual({ staleDays: 90, keyRotationDays: 90, sharedWindowMinutes: 60, trainingDays: 365, accessReviewDays: 92, logReviewDays: 7 });
  });
});

describe('config: invalid input is refused with every offending path', () => {
  test('unknown specialty, duplicate id, bad CIDR and bad date', () => {
    const raw = example() as { people: Record<string, unknown>[]; network: Record<string, unknown> };
    raw.people[0].specialties = ['neurology'];
    raw.people[1].id = raw.people[0].id;
    raw.people[2].startDate = '2024-02-30';
    raw.network.vpcCidr = '10.20.0.0/33';
    expect(issuesOf(raw)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^people\[2\]\.startDate: /),
        expect.stringMatching(/^network\.vpcCidr: /),
        expect.stringMatching(/^people\[0\]\.specialties\[0\]: unknown specialty "neurology"/),
        expect.stringMatching(/^people\[1\]\.id: duplicate person id/),
      ]),
    );
  });

  test('a departed person without endDate is allowed', () => {
    const raw = example() as { people: Record<string, unknown>[] };
    raw.people[0].status = 'departed';
    delete raw.people[0].endDate;
    expect(() => parseConfig(raw)).not.toThrow();
  });

  test('workstations enabled without their settings names each missing field', () => {
    const raw = example();
    raw.workstations = { enabled: true };
    expect(issuesOf(raw)).toEqual(
      expect.arrayContaining(['workstations.imageName: is required', 'workstations.instanceType: is required', 'workstations.maxSessions: is required']),
    );
  });

  test('a misspelt field is named, not ignored', () => {
    const raw = example() as { storage: Record<string, unknown> };
    raw.storage.phiBucket = 'x';
    expect(issuesOf(raw)).toContain('storage.phiBucket: unknown field (check its spelling)');
  });

  test('a VPN block that overlaps the VPC is refused', () => {
    const raw = example() as { network: Record<string, unknown> };
    raw.network.vpnClientCidr = '10.20.4.0/22';
    expect(issuesOf(raw)).toContain('network.vpnClientCidr: overlaps vpcCidr 10.20.0.0/16');
  });

  test('an unreadable file is an InputError naming it', () => {
    expect(() => loadConfigFile('config/nope.json')).toThrow(/config\/nope\.json is invalid:[\s\S]*cannot be read \(ENOENT\)/);
  });
});

describe('roster: staffed groups', () => {
  test('only groups an active person holds as of the date', () => {
    const config = loadConfigFile('config/coding-env.json');
    // bsmith (behavioral-health) left 2026-10-31; rpatel still codes behavioral-health.
    expect(staffedGroups(config, '2026-11-20')).toEqual(['coders-cardiology', 'coders-behavioral-health', 'coders-orthopedics', 'coding-leads', 'compliance-auditors', 'platform-admins']);
    const withoutLead = { ...config, people: config.people.filter((p) => p.role !== 'lead') };
    expect(staffedGroups(withoutLead, '2026-11-20')).not.toContain('coding-leads');
  });
});
