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

describe('authentication: the findings in full', () => {
  test('console-without-mfa: the user, the advice, the ARN and when the password was last used', () => {
    const findings = run(authentication, { credentialReport: { users: [credentialUser('kchen', { mfaActive: false, passwordLastUsed: '2026-11-18T09:12:00+00:00' })], hasKeyLastUsed: true } });
    expect(findings).toStrictEqual([
      {
        check: 'authentication',
        rule: 'console-without-mfa',
        principal: 'kchen',
        severity: 'high',
        summary: 'kchen has a console password and no MFA device: have them enroll one before their next sign-in, or remove the password.',
        evidence: { arn: 'arn:aws:iam::111122223333:user/kchen', passwordLastUsed: '2026-11-18T09:12:00+00:00', mfaActive: false },
      },
    ]);
  });
  test('console-without-mfa: a password never used is null, not the word never', () => {
    const [f] = run(authentication, { credentialReport: { users: [credentialUser('kchen', { mfaActive: false, passwordLastUsed: 'never' })], hasKeyLastUsed: true } });
    expect(f.evidence).toStrictEqual({ arn: 'arn:aws:iam::111122223333:user/kchen', passwordLastUsed: null, mfaActive: false });
  });
  test('sign-in-without-mfa: count, first and last, and each sign-in by id, time, address and browser', () => {
    const findings = run(authentication, {
      events: [
        signIn({ id: 's1', userName: 'kchen', sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' }),
        signIn({ id: 's2', userName: 'kchen', time: '2026-11-13T08:01:00Z', sourceIp: '198.51.100.3', userAgent: 'Mozilla/5.0 (Macintosh)' }),
      ],
    });
    expect(findings).toStrictEqual([
      {
        check: 'authentication',
        rule: 'sign-in-without-mfa',
        principal: 'kchen',
        severity: 'high',
        summary: 'kchen signed in to the console without MFA 2 times (first 2026-11-12T15:00:10Z): ask whether it was them, and require MFA for the account.',
        evidence: {
          count: 2,
          first: '2026-11-12T15:00:10Z',
          last: '2026-11-13T08:01:00Z',
          events: [
            { eventId: 's1', time: '2026-11-12T15:00:10Z', sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' },
            { eventId: 's2', time: '2026-11-13T08:01:00Z', sourceIp: '198.51.100.3', userAgent: 'Mozilla/5.0 (Macintosh)' },
          ],
        },
      },
    ]);
  });
});

describe('authentication: sign-in-without-mfa, whose sign-in it is', () => {
  const audit = (...events: ReturnType<typeof event>[]) => run(authentication, { events });
  test('an identity that is neither an IAM user nor the root account is left out, even when its record carries a user name', () => {
    // CloudTrail writes userName for some other identity types (Directory, Unknown); the credential report has no such user.
    expect(audit(signIn({ identityType: 'Directory', userName: 'kchen' }), signIn({ identityType: 'Unknown', userName: 'kchen' }))).toEqual([]);
  });
  test('an IAM user sign-in whose record names no user is not reported under an empty name', () => {
    expect(audit(signIn({ userName: undefined }))).toEqual([]);
  });
});
