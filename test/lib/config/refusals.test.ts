import { readFileSync } from 'node:fs';
import { InputError, parseConfig } from '../../../lib/config/load';
import type { ConfigInput } from '../../../lib/config/schema';

/**
 * CONTRACT §1's refusal list, one case at a time: each is refused with the offending field's
 * JSON path, and a neighbouring valid value is accepted (so the refusal is not a blanket one).
 */
const example = (): ConfigInput => JSON.parse(readFileSync('config/coding-env.json', 'utf8')) as ConfigInput;

function issuesOf(edit: (raw: ConfigInput) => void): string[] {
  const raw = example();
  edit(raw);
  try {
    parseConfig(raw, 'test.json');
  } catch (err) {
    if (err instanceof InputError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

const sources = (cidrs: string[]) => (raw: ConfigInput) => void (raw.network.allowedSourceCidrs = cidrs);

describe('config refusals (CONTRACT §1)', () => {
  test('person ids that collide case-insensitively', () => {
    expect(issuesOf((raw) => void (raw.people[1].id = raw.people[0].id.toUpperCase()))).toEqual([
      expect.stringMatching(/^people\[1\]\.id: "JDOE" collides with people\[0\]\.id "jdoe" \(IAM user names are case-insensitive\)$/),
    ]);
  });

  test('a service account whose name collides case-insensitively with a person id, or with another service account', () => {
    const issues = issuesOf((raw) => {
      raw.serviceAccounts = [
        { name: 'JDoe', owner: 'jdoe', purpose: 'x' },
        { name: 'ci', owner: 'jdoe', purpose: 'x' },
        { name: 'CI', owner: 'jdoe', purpose: 'x' },
      ];
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^serviceAccounts\[0\]\.name: "JDoe" collides with people\[0\]\.id "jdoe"/),
        expect.stringMatching(/^serviceAccounts\[2\]\.name: "CI" collides with serviceAccounts\[1\]\.name "ci"/),
      ]),
    );
    expect(issues).toHaveLength(2);
  });

  test.each([
    ['network.vpcCidr', (raw: ConfigInput) => void (raw.network.vpcCidr = '10.20.0.1/16'), /host bits set \(the network is 10\.20\.0\.0\/16\)/],
    ['network.vpnClientCidr', (raw: ConfigInput) => void (raw.network.vpnClientCidr = '10.100.1.0/22'), /host bits set \(the network is 10\.100\.0\.0\/22\)/],
    ['network.allowedSourceCidrs[0]', sources(['198.51.100.1/28']), /host bits set/],
    ['network.allowedSourceCidrs[0]', sources(['2001:db8::1/48']), /host bits set/],
  ])('a CIDR with host bits set, at %s', (path, edit, why) => {
    const issues = issuesOf(edit);
    expect(issues).toHaveLength(1);
    expect(issues[0].startsWith(`${path}: `)).toBe(true);
    expect(issues[0]).toMatch(why);
  });

  test('a zone index', () => {
    expect(issuesOf(sources(['fe80::1%eth0/64']))).toEqual([expect.stringMatching(/^network\.allowedSourceCidrs\[0\]: .*zone index/)]);
  });

  test('an IPv4-mapped IPv6 block, in either notation', () => {
    expect(issuesOf(sources(['::ffff:198.51.100.0/124', '::ffff:c633:6400/124']))).toEqual([
      expect.stringMatching(/^network\.allowedSourceCidrs\[0\]: .*IPv4-mapped IPv6 block: write the IPv4 block instead$/),
      expect.stringMatching(/^network\.allowedSourceCidrs\[1\]: .*IPv4-mapped/),
    ]);
  });

  test('allowedSourceCidrs wider than an IPv4 /16 or an IPv6 /40; /16 and /40 themselves are accepted', () => {
    expect(issuesOf(sources(['0.0.0.0/0', '198.0.0.0/15', '2001:d00::/39']))).toEqual([
      expect.stringMatching(/^network\.allowedSourceCidrs\[0\]: "0\.0\.0\.0\/0" is wider than an IPv4 \/16/),
      expect.stringMatching(/^network\.allowedSourceCidrs\[1\]: .*wider than an IPv4 \/16/),
      expect.stringMatching(/^network\.allowedSourceCidrs\[2\]: .*wider than an IPv6 \/40/),
    ]);
    expect(issuesOf(sources(['198.51.0.0/16', '2001:db8::/40', '203.0.113.7/32']))).toEqual([]);
  });

  test('a person who would be in more than 10 IAM groups (a lead: specialties + coding-leads); exactly 10 is accepted', () => {
    const specialties = Array.from({ length: 10 }, (_, i) => `s${i}`);
    const lead = (count: number) => (raw: ConfigInput) => {
      raw.specialties = specialties;
      raw.people = raw.people.map((p) => ({ ...p, specialties: (p.specialties ?? []).length > 0 ? ['s0'] : [] }));
      raw.people[0] = { ...raw.people[0], role: 'lead', specialties: specialties.slice(0, count) };
    };
    expect(issuesOf(lead(10))).toEqual(['people[0].specialties: would put jdoe in 11 IAM groups; IAM allows at most 10']);
    expect(issuesOf(lead(9))).toEqual([]);
  });

  test('a guard policy over IAM’s 6,144 characters (too many allowedSourceCidrs), at network.allowedSourceCidrs', () => {
    const many = Array.from({ length: 400 }, (_, i) => `203.0.${Math.floor(i / 16)}.${(i % 16) * 16}/28`);
    expect(issuesOf(sources(many))).toEqual([
      expect.stringMatching(/^network\.allowedSourceCidrs: makes the people guard policy up to \d+ characters; IAM allows 6144/),
    ]);
    expect(issuesOf(sources(many.slice(0, 50)))).toEqual([]);
  });

  test('an organization.name longer than 128 characters; 128 is accepted', () => {
    expect(issuesOf((raw) => void (raw.organization.name = 'x'.repeat(129)))).toEqual(['organization.name: must be at most 128 characters']);
    expect(issuesOf((raw) => void (raw.organization.name = 'x'.repeat(128)))).toEqual([]);
  });

  test('consoleStaticDomains that are not lowercase DNS names, repeat, or name a console zone; a valid list is accepted', () => {
    const domains = (d: string[]) => (raw: ConfigInput) => void (raw.network.consoleStaticDomains = d);
    expect(issuesOf(domains(['*.static.example.com']))).toEqual([expect.stringMatching(/^network\.consoleStaticDomains\[0\]: must be a lowercase DNS name/)]);
    expect(issuesOf(domains(['Static.Example.com']))).toEqual([expect.stringMatching(/^network\.consoleStaticDomains\[0\]: must be a lowercase DNS name/)]);
    expect(issuesOf(domains(['signin.aws.amazon.com']))).toEqual([expect.stringMatching(/^network\.consoleStaticDomains\[0\]: is already one of the console zones/)]);
    expect(issuesOf(domains(['a.example.com', 'a.example.com']))).toEqual([expect.stringMatching(/^network\.consoleStaticDomains: lists a domain twice/)]);
    expect(issuesOf(domains(['static.console.example.com', 'assets.example.org']))).toEqual([]);
  });

  test('the example config is accepted', () => {
    expect(issuesOf(() => undefined)).toEqual([]);
  });
});
