import { staleAccess } from '../../../checks/rules/stale-access';
import { credentialUser, rules, run } from '../helpers';

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
