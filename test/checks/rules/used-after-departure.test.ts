import { staleAccess } from '../../../checks/rules/stale-access';
import { config, credentialUser, event, run } from '../helpers';

// tnguyen left on 2026-06-30 (config/coding-env.json); America/New_York.
const quiet = (over: Partial<ReturnType<typeof credentialUser>> = {}) => credentialUser('tnguyen', { passwordEnabled: false, passwordLastUsed: '2026-06-29T18:00:00+00:00', ...over });
const used = (users: ReturnType<typeof credentialUser>[], events: ReturnType<typeof event>[] = []) =>
  run(staleAccess, { credentialReport: { users, hasKeyLastUsed: true }, events }).filter((f) => f.rule === 'used-after-departure');

describe('stale-access: used-after-departure', () => {
  test('flags a password the credential report shows used after the end date (high)', () => {
    const findings = used([quiet({ passwordLastUsed: '2026-07-02T13:10:00+00:00' })]);
    expect(findings).toEqual([expect.objectContaining({ principal: 'tnguyen', severity: 'high' })]);
    expect(findings[0].evidence.credentialReport).toEqual([{ credential: 'console password', lastUsed: '2026-07-02T13:10:00+00:00' }]);
  });
  test('flags an access key used after the end date', () => {
    const key = { slot: 2 as const, active: false, lastRotated: '2025-01-01T00:00:00Z', lastUsed: '2026-08-01T09:00:00+00:00' };
    expect(used([quiet({ keys: [{ slot: 1, active: false, lastUsed: 'never' }, key] })])).toHaveLength(1);
  });
  test('flags any logged call of the user after the end date, a denied one included', () => {
    const findings = used([quiet()], [event({ time: '2026-11-05T14:00:00Z', userName: 'tnguyen', success: false })]);
    expect(findings).toEqual([expect.objectContaining({ principal: 'tnguyen', evidence: expect.objectContaining({ events: expect.objectContaining({ count: 1 }) }) })]);
  });
  test('the end date itself is still a working day, in the organisation\'s time zone', () => {
    // 2026-07-01T03:30Z is 23:30 on 30 June in New York: the last day.
    expect(used([quiet({ passwordLastUsed: '2026-07-01T03:30:00+00:00' })])).toEqual([]);
    // 2026-07-01T04:30Z is 00:30 on 1 July in New York: after.
    expect(used([quiet({ passwordLastUsed: '2026-07-01T04:30:00+00:00' })])).toHaveLength(1);
  });
  test('does not flag a failed sign-in attempt, another user, an active person, or a use before leaving', () => {
    const failed = event({ time: '2026-11-05T14:00:00Z', userName: 'tnguyen', eventName: 'ConsoleLogin', success: false });
    expect(used([quiet(), credentialUser('jdoe')], [failed, event({ time: '2026-11-05T14:00:00Z', userName: 'jdoe' })])).toEqual([]);
  });
  test('does not flag a departed person without an end date (nothing to compare with)', () => {
    const c = config();
    c.people = c.people.map((p) => (p.id === 'tnguyen' ? { ...p, endDate: undefined } : p));
    expect(run(staleAccess, { credentialReport: { users: [quiet({ passwordLastUsed: '2026-11-01T00:00:00Z' })], hasKeyLastUsed: true } }, c).filter((f) => f.rule === 'used-after-departure')).toEqual([]);
  });

  test('the finding in full, from the credential report: every credential used after leaving, the latest named', () => {
    const key = { slot: 1 as const, active: true, lastRotated: '2025-01-01T00:00:00Z', lastUsed: '2026-08-01T09:00:00+00:00' };
    const findings = used([quiet({ passwordLastUsed: '2026-07-02T13:10:00+00:00', keys: [key, { slot: 2, active: false, lastUsed: 'unknown' }] })]);
    expect(findings).toStrictEqual([
      {
        check: 'stale-access',
        rule: 'used-after-departure',
        principal: 'tnguyen',
        severity: 'high',
        summary: 'tnguyen left on 2026-06-30 but their IAM user was used after that (console password and access key 1, latest 2026-08-01T09:00:00+00:00): disable it now and treat it as a possible breach.',
        evidence: {
          endDate: '2026-06-30',
          credentialReport: [
            { credential: 'console password', lastUsed: '2026-07-02T13:10:00+00:00' },
            { credential: 'access key 1', lastUsed: '2026-08-01T09:00:00+00:00' },
          ],
          events: { count: 0, sample: [] },
        },
      },
    ]);
  });
  test('the finding in full, from logged calls: counted, first and last', () => {
    const calls = [event({ id: 'u1', time: '2026-11-05T14:00:00Z', userName: 'tnguyen' }), event({ id: 'u2', time: '2026-11-06T14:00:00Z', userName: 'tnguyen', eventName: 'ListBuckets', eventSource: 's3.amazonaws.com' })];
    const [f] = used([quiet({ passwordLastUsed: 'never' })], calls);
    expect(f.summary).toBe('tnguyen left on 2026-06-30 but their IAM user was used after that (2 logged calls, latest 2026-11-06T14:00:00Z): disable it now and treat it as a possible breach.');
    expect(f.evidence).toStrictEqual({
      endDate: '2026-06-30',
      credentialReport: [],
      events: {
        count: 2,
        first: '2026-11-05T14:00:00Z',
        last: '2026-11-06T14:00:00Z',
        sample: [
          { eventId: 'u1', time: '2026-11-05T14:00:00Z', eventName: 'GetCallerIdentity', sourceIp: '198.51.100.3' },
          { eventId: 'u2', time: '2026-11-06T14:00:00Z', eventName: 'ListBuckets', sourceIp: '198.51.100.3' },
        ],
      },
    });
    expect(used([quiet()], calls.slice(0, 1))[0].summary).toContain('(1 logged call, latest 2026-11-05T14:00:00Z)');
  });
  test('no dates in the report (never, unknown, N/A) are no use', () => {
    expect(used([quiet({ passwordLastUsed: 'N/A', keys: [{ slot: 1, active: true, lastUsed: 'never' }, { slot: 2, active: true, lastUsed: 'unknown' }] })])).toEqual([]);
  });
  test('nobody has left: nothing', () => {
    const c = config();
    c.people = c.people.filter((p) => p.endDate === undefined && p.status !== 'departed');
    expect(run(staleAccess, { credentialReport: { users: [quiet({ passwordLastUsed: '2026-11-01T00:00:00Z' })], hasKeyLastUsed: true } }, c)).toEqual([]);
  });
});


describe('stale-access: used-after-departure, who has left and whose calls count', () => {
  test('a person whose end date is after the as-of date has not left yet, whatever later evidence shows', () => {
    // Audited as of 2026-11-20 with a credential report and trail read later: bsmith leaves on 2026-11-25.
    const c = config();
    c.people = c.people.map((p) => (p.id === 'bsmith' ? { ...p, endDate: '2026-11-25' } : p));
    const later = credentialUser('bsmith', { passwordLastUsed: '2026-11-27T14:00:00+00:00' });
    const calls = [event({ time: '2026-11-27T14:05:00Z', userName: 'bsmith' })];
    expect(run(staleAccess, { credentialReport: { users: [later], hasKeyLastUsed: true }, events: calls }, c).filter((f) => f.rule === 'used-after-departure')).toEqual([]);
    // As of a day after it, the same evidence is a use after departure.
    c.people = c.people.map((p) => (p.id === 'bsmith' ? { ...p, endDate: '2026-11-19' } : p));
    expect(run(staleAccess, { credentialReport: { users: [later], hasKeyLastUsed: true }, events: calls }, c).filter((f) => f.rule === 'used-after-departure').map((f) => f.principal)).toEqual(['bsmith']);
  });
  test('another identity type carrying a leaver\'s name is not their IAM user', () => {
    // CloudTrail writes userName for some other types too (Directory, Unknown, the root account's alias).
    const other = (identityType: string) => event({ time: '2026-11-05T14:00:00Z', identityType, userName: 'tnguyen' });
    expect(used([quiet()], [other('Directory'), other('Unknown'), other('Root')])).toEqual([]);
  });
});
