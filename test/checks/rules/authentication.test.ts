import { authentication } from '../../../checks/rules/authentication';
import { credentialUser, event, rules, run } from '../helpers';

const signIn = (over: Partial<ReturnType<typeof event>> = {}) =>
  event({ time: '2026-11-12T15:00:10Z', eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', mfaUsed: 'No', ...over });

describe('authentication: console-without-mfa', () => {
  const audit = (...users: ReturnType<typeof credentialUser>[]) => run(authentication, { credentialReport: { users, hasKeyLastUsed: true } });

  test('flags a console password without an MFA device (high), whoever holds it', () => {
    const findings = audit(credentialUser('kchen', { mfaActive: false }), credentialUser('billing-shared', { mfaActive: false }));
    expect(rules(findings)).toEqual(['console-without-mfa:kchen', 'console-without-mfa:billing-shared']);
    expect(findings[0]).toMatchObject({ check: 'authentication', severity: 'high' });
  });
  test('does not flag MFA enrolled, or no console password at all', () => {
    expect(audit(credentialUser('jdoe'), credentialUser('ci-deployer', { passwordEnabled: false, mfaActive: false }))).toEqual([]);
  });
});

describe('authentication: sign-in-without-mfa', () => {
  const audit = (...events: ReturnType<typeof event>[]) => run(authentication, { events });

  test('flags a successful sign-in with MFAUsed = No, one finding per user', () => {
    const findings = audit(signIn({ userName: 'kchen' }), signIn({ userName: 'kchen', time: '2026-11-13T15:00:00Z' }));
    expect(rules(findings)).toEqual(['sign-in-without-mfa:kchen']);
    expect(findings[0]).toMatchObject({ severity: 'high', evidence: expect.objectContaining({ count: 2, first: '2026-11-12T15:00:10Z' }) });
  });
  test('flags the root account signing in without MFA', () => {
    expect(rules(audit(signIn({ identityType: 'Root', userName: undefined })))).toEqual(['sign-in-without-mfa:<root_account>']);
  });
  test('does not flag MFA used, a failed sign-in, a federated sign-in, or a login record without the field', () => {
    expect(
      audit(
        signIn({ mfaUsed: 'Yes' }),
        signIn({ success: false }),
        signIn({ identityType: 'AssumedRole', userName: undefined }),
        signIn({ mfaUsed: undefined }),
        event({ time: '2026-11-12T15:00:10Z', eventName: 'GetCallerIdentity', mfaUsed: 'No' }),
      ),
    ).toEqual([]);
  });
});

describe('authentication: sign-in-without-mfa summaries', () => {
  test('once and several times', () => {
    const one = run(authentication, { events: [signIn({ userName: 'kchen' })] }).filter((f) => f.rule === 'sign-in-without-mfa');
    expect(one.map((f) => f.summary)).toEqual(['kchen signed in to the console without MFA on 2026-11-12T15:00:10Z: ask whether it was them, and require MFA for the account.']);
    const two = run(authentication, { events: [signIn({ userName: 'kchen' }), signIn({ userName: 'kchen', time: '2026-11-13T15:00:10Z' })] }).filter((f) => f.rule === 'sign-in-without-mfa');
    expect(two.map((f) => f.summary)).toEqual(['kchen signed in to the console without MFA 2 times (first 2026-11-12T15:00:10Z): ask whether it was them, and require MFA for the account.']);
  });
});
