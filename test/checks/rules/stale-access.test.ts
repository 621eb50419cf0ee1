import { staleAccess } from '../../../checks/rules/stale-access';
import { config, credentialUser, rules, run } from '../helpers';

const audit = (...users: ReturnType<typeof credentialUser>[]) => rules(run(staleAccess, { credentialReport: { users, hasKeyLastUsed: true } }));

describe('stale-access: departed-person-active', () => {
  test('flags a departed person whose console password is still enabled (high)', () => {
    // Last used on her last day (2026-06-30): open, not used after leaving.
    const findings = run(staleAccess, { credentialReport: { users: [credentialUser('tnguyen', { passwordLastUsed: '2026-06-30T15:00:00+00:00' })], hasKeyLastUsed: true } });
    expect(findings).toEqual([expect.objectContaining({ rule: 'departed-person-active', principal: 'tnguyen', severity: 'high' })]);
  });
  test('flags a person whose endDate passed (active status) with an active key', () => {
    const bsmith = credentialUser('bsmith', { passwordEnabled: false, passwordLastUsed: 'never', keys: [{ slot: 1, active: true, lastRotated: '2026-10-01T00:00:00Z', lastUsed: '2026-10-30T00:00:00Z' }, { slot: 2, active: false, lastUsed: 'never' }] });
    expect(audit(bsmith)).toEqual(['departed-person-active:bsmith']);
  });
  test('does not flag a departed person with no password and no active key', () => {
    expect(audit(credentialUser('tnguyen', { passwordEnabled: false, passwordLastUsed: '2026-06-29T18:00:00+00:00' }))).toEqual([]);
  });
});

describe('stale-access: password-unused', () => {
  test('flags a password last used more than staleDays ago', () => {
    expect(audit(credentialUser('rpatel', { passwordLastUsed: '2026-07-01T00:00:00Z' }))).toEqual(['password-unused:rpatel']);
  });
  test('flags a never-used password of a user older than staleDays', () => {
    expect(audit(credentialUser('rpatel', { passwordLastUsed: 'never', createdAt: '2026-01-01T00:00:00Z' }))).toEqual(['password-unused:rpatel']);
  });
  test('does not flag a new hire who has not signed in yet (user younger than staleDays)', () => {
    expect(audit(credentialUser('kchen', { passwordLastUsed: 'never', createdAt: '2026-10-20T13:00:00Z' }))).toEqual([]);
  });
  test('does not flag a disabled password, however long unused', () => {
    expect(audit(credentialUser('rpatel', { passwordEnabled: false, passwordLastUsed: '2026-01-01T00:00:00Z' }))).toEqual([]);
    expect(audit(credentialUser('rpatel', { passwordEnabled: false, passwordLastUsed: 'never', createdAt: '2025-01-01T00:00:00Z' }))).toEqual([]);
  });
  test('does not flag a password used within staleDays', () => {
    expect(audit(credentialUser('jdoe', { passwordLastUsed: '2026-09-01T00:00:00Z' }))).toEqual([]);
  });
});

describe('stale-access: access keys', () => {
  const withKey = (key: Partial<ReturnType<typeof credentialUser>['keys'][number]>) =>
    credentialUser('mgarcia', { keys: [{ slot: 1, active: true, lastRotated: '2026-10-01T00:00:00Z', lastUsed: '2026-11-18T00:00:00Z', ...key }, { slot: 2, active: false, lastUsed: 'never' }] });

  test('flags an active key unused for more than staleDays (access-key-unused)', () => {
    expect(audit(withKey({ lastUsed: '2026-06-01T00:00:00Z' }))).toEqual(['access-key-unused:mgarcia']);
  });
  test('flags an active key never used and older than staleDays', () => {
    // Older than both limits: unused and not rotated.
    expect(audit(withKey({ lastUsed: 'never', lastRotated: '2026-08-01T00:00:00Z' }))).toEqual(['access-key-unused:mgarcia', 'access-key-not-rotated:mgarcia']);
  });
  test('does not flag a young key never used', () => {
    expect(audit(withKey({ lastUsed: 'never', lastRotated: '2026-10-01T00:00:00Z' }))).toEqual([]);
  });
  test('flags an active key last rotated more than keyRotationDays ago (access-key-not-rotated)', () => {
    expect(audit(withKey({ lastRotated: '2026-01-10T00:00:00Z' }))).toEqual(['access-key-not-rotated:mgarcia']);
  });
  test('ignores inactive keys however old', () => {
    expect(audit(withKey({ active: false, lastRotated: '2020-01-01T00:00:00Z', lastUsed: '2020-01-02T00:00:00Z' }))).toEqual([]);
  });
  test('does not judge last use when the older report has no such column', () => {
    expect(audit(withKey({ lastUsed: 'unknown' }))).toEqual([]);
  });
});

describe('stale-access: the findings in full (officers read the summaries)', () => {
  const findingsOf = (...users: ReturnType<typeof credentialUser>[]) => run(staleAccess, { credentialReport: { users, hasKeyLastUsed: true } });
  const ARN = (user: string) => `arn:aws:iam::111122223333:user/${user}`;
  const keys = (slot1: Partial<ReturnType<typeof credentialUser>['keys'][number]>, slot2: Partial<ReturnType<typeof credentialUser>['keys'][number]> = {}) => [
    { slot: 1 as const, active: false, lastUsed: 'never', ...slot1 },
    { slot: 2 as const, active: false, lastUsed: 'never', ...slot2 },
  ];

  test('departed-person-active: every open door named, with the end date', () => {
    const tnguyen = credentialUser('tnguyen', { passwordLastUsed: '2026-06-30T15:00:00+00:00', keys: keys({ active: true, lastUsed: '2026-06-29T10:00:00+00:00' }, { active: true, lastUsed: 'never' }) });
    expect(findingsOf(tnguyen)).toStrictEqual([
      {
        check: 'stale-access',
        rule: 'departed-person-active',
        principal: 'tnguyen',
        severity: 'high',
        summary: 'tnguyen left on 2026-06-30 but still has a console password and access key 1 and access key 2: disable them today.',
        evidence: { arn: ARN('tnguyen'), open: ['a console password', 'access key 1', 'access key 2'], endDate: '2026-06-30', asOf: '2026-11-20' },
      },
    ]);
  });
  test('departed-person-active: a person marked departed with no end date', () => {
    const c = config();
    const marked = { ...c, people: c.people.map((p) => (p.id === 'tnguyen' ? { ...p, endDate: undefined } : p)) };
    const [f] = run(staleAccess, { credentialReport: { users: [credentialUser('tnguyen', { passwordEnabled: false, keys: keys({ active: true, lastUsed: 'never' }) })], hasKeyLastUsed: true } }, marked);
    expect(f.summary).toBe('tnguyen is marked departed but still has access key 1: disable them today.');
    expect(f.evidence).toStrictEqual({ arn: ARN('tnguyen'), open: ['access key 1'], endDate: null, asOf: '2026-11-20' });
  });
  test('password-unused: last used, in full; exactly staleDays idle is not stale', () => {
    expect(findingsOf(credentialUser('rpatel', { passwordLastUsed: '2026-08-21T12:00:00Z' }))).toStrictEqual([
      {
        check: 'stale-access',
        rule: 'password-unused',
        principal: 'rpatel',
        severity: 'medium',
        summary: "rpatel's console password was last used 91 days ago (limit 90): remove it or confirm it is needed.",
        evidence: { arn: ARN('rpatel'), passwordLastUsed: '2026-08-21T12:00:00Z', idleDays: 91 },
      },
    ]);
    expect(findingsOf(credentialUser('rpatel', { passwordLastUsed: '2026-08-22T12:00:00Z' }))).toEqual([]);
  });
  test('password-unused: never used, in full; a user exactly staleDays old is not stale', () => {
    expect(findingsOf(credentialUser('rpatel', { passwordLastUsed: 'never', createdAt: '2026-08-21T12:00:00Z' }))).toStrictEqual([
      {
        check: 'stale-access',
        rule: 'password-unused',
        principal: 'rpatel',
        severity: 'medium',
        summary: "rpatel's console password has never been used and the user is 91 days old: remove it.",
        evidence: { arn: ARN('rpatel'), passwordLastUsed: null, userCreated: '2026-08-21T12:00:00Z' },
      },
    ]);
    expect(findingsOf(credentialUser('rpatel', { passwordLastUsed: 'never', createdAt: '2026-08-22T12:00:00Z' }))).toEqual([]);
  });
  test('access-key-unused: last used, in full; exactly staleDays idle is not stale', () => {
    const user = (lastUsed: string) => credentialUser('mgarcia', { keys: keys({}, { active: true, lastRotated: '2026-10-01T00:00:00Z', lastUsed }) });
    expect(findingsOf(user('2026-08-21T12:00:00Z'))).toStrictEqual([
      {
        check: 'stale-access',
        rule: 'access-key-unused',
        principal: 'mgarcia',
        severity: 'medium',
        summary: "mgarcia's access key 2 was last used 91 days ago (limit 90): deactivate it.",
        evidence: { arn: ARN('mgarcia'), key: 2, lastUsed: '2026-08-21T12:00:00Z', idleDays: 91 },
      },
    ]);
    expect(findingsOf(user('2026-08-22T12:00:00Z'))).toEqual([]);
  });
  test('access-key-unused: never used, counted from its rotation, else from the user', () => {
    const rotated = credentialUser('mgarcia', { keys: keys({ active: true, lastRotated: '2026-08-21T12:00:00Z', lastUsed: 'never' }) });
    expect(findingsOf(rotated).filter((f) => f.rule === 'access-key-unused')).toStrictEqual([
      {
        check: 'stale-access',
        rule: 'access-key-unused',
        principal: 'mgarcia',
        severity: 'medium',
        summary: "mgarcia's access key 1 has never been used in 91 days: deactivate it.",
        evidence: { arn: ARN('mgarcia'), key: 1, lastUsed: null, created: '2026-08-21T12:00:00Z' },
      },
    ]);
    const sinceUser = credentialUser('mgarcia', { createdAt: '2026-08-20T12:00:00Z', keys: keys({ active: true, lastUsed: 'never' }) });
    expect(findingsOf(sinceUser).map((f) => [f.rule, f.summary, f.evidence.created])).toEqual([
      ['access-key-unused', "mgarcia's access key 1 has never been used in 92 days: deactivate it.", '2026-08-20T12:00:00Z'],
    ]);
    expect(findingsOf(credentialUser('mgarcia', { keys: keys({ active: true, lastRotated: '2026-08-22T12:00:00Z', lastUsed: 'never' }) }))).toEqual([]);
  });
  test('access-key-not-rotated: in full; exactly keyRotationDays is not overdue', () => {
    const user = (lastRotated: string) => credentialUser('mgarcia', { keys: keys({ active: true, lastRotated, lastUsed: '2026-11-18T00:00:00Z' }) });
    expect(findingsOf(user('2026-08-21T12:00:00Z'))).toStrictEqual([
      {
        check: 'stale-access',
        rule: 'access-key-not-rotated',
        principal: 'mgarcia',
        severity: 'medium',
        summary: "mgarcia's access key 1 was last rotated 91 days ago (limit 90): rotate it.",
        evidence: { arn: ARN('mgarcia'), key: 1, lastRotated: '2026-08-21T12:00:00Z', ageDays: 91 },
      },
    ]);
    expect(findingsOf(user('2026-08-22T12:00:00Z'))).toEqual([]);
  });
});
