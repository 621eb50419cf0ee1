import type { AuthorizationDetails, IamGroup } from '../../../checks/model/iam';
import * as excessPhi from '../../../checks/rules/excess-phi-reach';
import { IncompleteCheckError } from '../../../checks/rules/incomplete-check';
import { privilegeCreep } from '../../../checks/rules/privilege-creep';
import { emptyAuthorization, iamUser, rules, run } from '../helpers';

const allow = (actions: string[], resources: string[]) => ({ statements: [{ effect: 'Allow' as const, actions, notActions: [], resources, awsPrincipals: [] }] });
const group = (name: string, over: Partial<IamGroup> = {}): IamGroup => ({ name, attached: [], inline: [], ...over });
const coders = (s: string) => group(`coders-${s}`, { inline: [{ name: `phi-${s}`, document: allow(['s3:GetObject'], [`arn:aws:s3:::examplecoding-phi-records/${s}/*`]) }] });
const groups = [coders('cardiology'), coders('behavioral-health'), coders('orthopedics'), group('coding-leads'), group('compliance-auditors'), group('platform-admins', { attached: [{ name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] })];
const audit = (details: Partial<AuthorizationDetails>) => run(privilegeCreep, { authorization: { ...emptyAuthorization, groups, ...details } });

describe('privilege-creep: excess-group', () => {
  test('flags a coder in another specialty group, high because it reaches that PHI', () => {
    const findings = audit({ users: [iamUser('rpatel', { groups: ['coders-behavioral-health', 'coders-cardiology'] })] });
    // Its effective access is excess-phi-reach's finding too.
    expect(findings).toEqual([expect.objectContaining({ rule: 'excess-group', principal: 'rpatel', severity: 'high' }), expect.objectContaining({ rule: 'excess-phi-reach', principal: 'rpatel' })]);
    expect(findings[0].evidence.otherSpecialtyPhi).toEqual(['cardiology']);
  });
  test('flags a group that reaches no PHI as medium', () => {
    const findings = audit({ users: [iamUser('jdoe', { groups: ['coders-cardiology', 'coding-leads'] })] });
    expect(findings).toEqual([expect.objectContaining({ rule: 'excess-group', severity: 'medium' })]);
  });
  test('does not flag a lead in exactly the groups the role gives', () => {
    expect(audit({ users: [iamUser('mgarcia', { groups: ['coders-cardiology', 'coders-orthopedics', 'coding-leads'] })] })).toEqual([]);
  });
  test('exempts service accounts, departed people and unknown users', () => {
    expect(audit({ users: [iamUser('ci-deployer', { groups: ['platform-admins'] }), iamUser('tnguyen', { groups: ['coders-orthopedics'] })] })).toEqual([]);
  });
});

describe('privilege-creep: direct-policy', () => {
  test('flags managed and inline policies attached to the user', () => {
    const user = iamUser('kchen', {
      groups: ['coders-orthopedics'],
      attached: [{ name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      inline: [{ name: 'temp', document: allow(['s3:GetObject'], ['arn:aws:s3:::examplecoding-phi-records/orthopedics/*']) }],
    });
    expect(rules(audit({ users: [user] }))).toEqual(['direct-policy:kchen', 'direct-policy:kchen']);
  });
});

describe('privilege-creep: admin-equivalent', () => {
  test('flags AdministratorAccess reaching an auditor through a group', () => {
    expect(rules(audit({ users: [iamUser('hmartin', { groups: ['compliance-auditors', 'platform-admins'] })] }))).toEqual(['excess-group:hmartin', 'admin-equivalent:hmartin']);
  });
  test('flags an inline Allow of iam:* on a coder', () => {
    const user = iamUser('jdoe', { groups: ['coders-cardiology'], inline: [{ name: 'oops', document: allow(['iam:*'], ['*']) }] });
    expect(rules(audit({ users: [user] }))).toEqual(['direct-policy:jdoe', 'admin-equivalent:jdoe', 'privilege-escalation:jdoe']);
  });
  test('does not flag an admin in platform-admins', () => {
    expect(audit({ users: [iamUser('opsadmin', { groups: ['platform-admins'] })] })).toEqual([]);
  });
  test('does not flag a Deny of *', () => {
    const user = iamUser('jdoe', { groups: ['coders-cardiology'] });
    const deny = group('coders-cardiology', { inline: [{ name: 'guard', document: { statements: [{ effect: 'Deny', actions: ['*'], notActions: [], resources: ['*'], awsPrincipals: [] }] } }] });
    expect(run(privilegeCreep, { authorization: { ...emptyAuthorization, groups: [deny], users: [user] } })).toEqual([]);
  });
});

describe('privilege-creep: the findings in full', () => {
  test('excess-group reaching PHI: summary and evidence', () => {
    const [f] = audit({ users: [iamUser('rpatel', { groups: ['coders-behavioral-health', 'coders-cardiology'] })] });
    expect(f).toStrictEqual({
      check: 'privilege-creep',
      rule: 'excess-group',
      principal: 'rpatel',
      severity: 'high',
      summary: 'rpatel (coder, behavioral-health) is in group coders-cardiology, which the role does not give and reaches cardiology PHI: remove the membership.',
      evidence: { group: 'coders-cardiology', expectedGroups: ['coders-behavioral-health'], otherSpecialtyPhi: ['cardiology'] },
    });
  });
  test('excess-group reaching no PHI, for a person with no specialty', () => {
    const [f] = audit({ users: [iamUser('hmartin', { groups: ['compliance-auditors', 'coding-leads'] })] });
    expect(f.summary).toBe('hmartin (auditor) is in group coding-leads, which the role does not give: remove the membership.');
    expect(f.evidence.otherSpecialtyPhi).toEqual([]);
  });
  test('direct-policy: managed with its ARN, inline without', () => {
    const user = iamUser('kchen', {
      groups: ['coders-orthopedics'],
      attached: [{ name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      inline: [{ name: 'temp', document: allow(['s3:GetObject'], ['arn:aws:s3:::examplecoding-phi-records/orthopedics/*']) }],
    });
    expect(audit({ users: [user] })).toStrictEqual([
      {
        check: 'privilege-creep',
        rule: 'direct-policy',
        principal: 'kchen',
        severity: 'medium',
        summary: "kchen has the managed policy ReadOnlyAccess attached directly: grant access through the role's groups and detach it.",
        evidence: { policy: 'ReadOnlyAccess', kind: 'managed', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      },
      {
        check: 'privilege-creep',
        rule: 'direct-policy',
        principal: 'kchen',
        severity: 'medium',
        summary: "kchen has the inline policy temp attached directly: grant access through the role's groups and detach it.",
        evidence: { policy: 'temp', kind: 'inline' },
      },
    ]);
  });
  test('admin-equivalent: names each policy and where it comes from', () => {
    const [, f] = audit({ users: [iamUser('hmartin', { groups: ['compliance-auditors', 'platform-admins'] })] });
    expect(f).toStrictEqual({
      check: 'privilege-creep',
      rule: 'admin-equivalent',
      principal: 'hmartin',
      severity: 'high',
      summary: 'hmartin (role auditor) holds administrator-equivalent access through AdministratorAccess (group platform-admins): remove it.',
      evidence: { policies: [{ name: 'AdministratorAccess', via: 'group platform-admins', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] },
    });
  });
});

describe('privilege-creep: what the evaluator cannot decide', () => {
  const tagged = { statements: [{ effect: 'Allow' as const, actions: ['s3:GetObject'], notActions: [], resources: ['arn:aws:s3:::examplecoding-phi-records/${aws:PrincipalTag/specialty}/*'], awsPrincipals: [] }] };
  test('makes the check incomplete, keeping what it found for that person and for the others', () => {
    const users = [iamUser('kchen', { groups: ['coders-orthopedics'], inline: [{ name: 'by-tag', document: tagged }] }), iamUser('jdoe', { groups: ['coders-cardiology', 'coding-leads'] })];
    let thrown: unknown;
    try {
      audit({ users });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(IncompleteCheckError);
    const incomplete = thrown as IncompleteCheckError;
    expect(rules(incomplete.findings)).toEqual(['direct-policy:kchen', 'excess-group:jdoe']);
    expect(incomplete.reasons).toEqual([expect.stringMatching(/^cannot decide whether kchen may s3:\w+ on .*: policy "user: by-tag" uses policy variable \$\{aws:PrincipalTag\/specialty\}/)]);
  });
  test('any other error is not taken for undecidable: it propagates', () => {
    const broken = jest.spyOn(excessPhi, 'excessPhiReach').mockImplementation(() => {
      throw new TypeError('a bug');
    });
    try {
      expect(() => audit({ users: [iamUser('kchen', { groups: ['coders-orthopedics'] })] })).toThrow(TypeError);
    } finally {
      broken.mockRestore();
    }
  });
});

describe('privilege-creep: excess-group reach', () => {
  test('a specialty group reaches its specialty even with no policy; the summary lists what it reaches and the person\'s specialties', () => {
    const bare = [group('coders-cardiology'), group('coders-orthopedics'), group('coders-behavioral-health'), group('coding-leads')];
    const [f] = run(privilegeCreep, { authorization: { ...emptyAuthorization, groups: bare, users: [iamUser('mgarcia', { groups: ['coders-cardiology', 'coders-orthopedics', 'coding-leads', 'coders-behavioral-health'] })] } });
    expect(f.summary).toBe('mgarcia (lead, cardiology, orthopedics) is in group coders-behavioral-health, which the role does not give and reaches behavioral-health PHI: remove the membership.');
    expect(f.evidence.otherSpecialtyPhi).toEqual(['behavioral-health']);
  });
  test("a group whose policy reaches two other specialties names both, and not the person's own", () => {
    const wide = group('claims-export', { inline: [{ name: 'wide', document: allow(['s3:GetObject'], ['arn:aws:s3:::examplecoding-phi-records/*']) }] });
    const [f] = run(privilegeCreep, { authorization: { ...emptyAuthorization, groups: [...groups, wide], users: [iamUser('jdoe', { groups: ['coders-cardiology', 'claims-export'] })] } });
    expect(f.rule).toBe('excess-group');
    expect(f.evidence.otherSpecialtyPhi).toEqual(['behavioral-health', 'orthopedics']);
    expect(f.summary).toContain('and reaches behavioral-health, orthopedics PHI');
  });
  test('admin-equivalent through several policies names them all', () => {
    const user = iamUser('hmartin', { groups: ['compliance-auditors', 'platform-admins'], inline: [{ name: 'oops', document: allow(['iam:*'], ['*']) }] });
    const f = audit({ users: [user] }).find((x) => x.rule === 'admin-equivalent');
    expect(f?.summary).toBe('hmartin (role auditor) holds administrator-equivalent access through oops (user), AdministratorAccess (group platform-admins): remove it.');
  });
});

