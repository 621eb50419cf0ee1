import { sharedCredentials } from '../../../checks/rules/shared-credentials';
import { credentialUser, event, rules, run } from '../helpers';

const noCreds = { passwordEnabled: false } as const;
const users = (...u: ReturnType<typeof credentialUser>[]) => ({ credentialReport: { users: u, hasKeyLastUsed: true } });

describe('shared-credentials: ownership', () => {
  test('flags an IAM user that is neither a person nor a service account (unowned-identity)', () => {
    expect(rules(run(sharedCredentials, users(credentialUser('billing-shared'))))).toEqual(['unowned-identity:billing-shared']);
  });
  test('does not flag an unknown user without any credential, nor people (departed included)', () => {
    expect(rules(run(sharedCredentials, users(credentialUser('old-import', noCreds), credentialUser('jdoe'), credentialUser('tnguyen'))))).toEqual([]);
  });
  test('flags a declared service account with a console password (service-account-console)', () => {
    expect(rules(run(sharedCredentials, users(credentialUser('ci-deployer'))))).toEqual(['service-account-console:ci-deployer']);
  });
  test('does not flag a service account with keys only', () => {
    expect(rules(run(sharedCredentials, users(credentialUser('ci-deployer', noCreds))))).toEqual([]);
  });
  test('a service account with a password: the finding names it, says what to do, and carries its ARN and last sign-in', () => {
    expect(run(sharedCredentials, users(credentialUser('ci-deployer', { passwordLastUsed: '2026-11-18T09:30:00+00:00' })))).toEqual([
      {
        check: 'shared-credentials',
        rule: 'service-account-console',
        principal: 'ci-deployer',
        severity: 'high',
        summary: 'Service account ci-deployer has a console password: a person is signing in with it; remove the password.',
        evidence: { arn: 'arn:aws:iam::111122223333:user/ci-deployer', passwordLastUsed: '2026-11-18T09:30:00+00:00' },
      },
    ]);
  });
  test('an unowned user with a key only: the evidence lists the active key slots, not the inactive ones', () => {
    const keys = [
      { slot: 1, active: false, lastUsed: 'never' },
      { slot: 2, active: true, lastRotated: '2026-06-01T00:00:00+00:00', lastUsed: '2026-11-19T08:00:00+00:00' },
    ] as const;
    expect(run(sharedCredentials, users(credentialUser('billing-shared', { passwordEnabled: false, keys })))).toEqual([
      {
        check: 'shared-credentials',
        rule: 'unowned-identity',
        principal: 'billing-shared',
        severity: 'high',
        summary: 'IAM user billing-shared is neither a person nor a declared service account but can sign in or call AWS: find its owner or delete it.',
        evidence: { arn: 'arn:aws:iam::111122223333:user/billing-shared', passwordEnabled: false, activeKeys: [2] },
      },
    ]);
  });
});

describe('shared-credentials: concurrent-console-sessions', () => {
  const login = (time: string, sourceIp: string, userAgent: string, over = {}) => event({ time, sourceIp, userAgent, eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', userName: 'mgarcia', ...over });

  test('flags two successful sign-ins within the window from different addresses and browsers', () => {
    const events = [login('2026-11-12T15:00:00Z', '198.51.100.4', 'Chrome'), login('2026-11-12T15:20:00Z', '203.0.113.50', 'Safari')];
    expect(rules(run(sharedCredentials, { events }))).toEqual(['concurrent-console-sessions:mgarcia']);
  });
  test('does not flag two VPN egress sign-ins hours apart (outside the window)', () => {
    const events = [login('2026-11-10T14:00:00Z', '198.51.100.3', 'Firefox'), login('2026-11-10T19:01:00Z', '198.51.100.9', 'Chrome')];
    expect(run(sharedCredentials, { events })).toEqual([]);
  });
  test('does not flag the same browser from two addresses (a roaming laptop)', () => {
    const events = [login('2026-11-12T15:00:00Z', '198.51.100.4', 'Chrome'), login('2026-11-12T15:10:00Z', '198.51.100.5', 'Chrome')];
    expect(run(sharedCredentials, { events })).toEqual([]);
  });
  test('does not count failed sign-ins', () => {
    const events = [login('2026-11-12T15:00:00Z', '198.51.100.4', 'Chrome'), login('2026-11-12T15:20:00Z', '203.0.113.50', 'Safari', { success: false })];
    expect(run(sharedCredentials, { events })).toEqual([]);
  });
  test('sign-ins exactly the window apart (60 minutes) are within it', () => {
    const events = [login('2026-11-12T15:00:00Z', '198.51.100.4', 'Chrome'), login('2026-11-12T16:00:00Z', '203.0.113.50', 'Safari')];
    expect(rules(run(sharedCredentials, { events }))).toEqual(['concurrent-console-sessions:mgarcia']);
  });
  test('does not flag two browsers from one address (one person with two browsers)', () => {
    const events = [login('2026-11-12T15:00:00Z', '198.51.100.4', 'Chrome'), login('2026-11-12T15:10:00Z', '198.51.100.4', 'Firefox')];
    expect(run(sharedCredentials, { events })).toEqual([]);
  });
  test('only IAM users: root sign-ins (CloudTrail names them "root") and sign-ins without a user name are not paired', () => {
    const root = { identityType: 'Root', userName: 'root', arn: 'arn:aws:iam::111122223333:root' };
    const unnamed = { userName: undefined };
    const events = [
      login('2026-11-12T15:00:00Z', '198.51.100.4', 'Chrome', root),
      login('2026-11-12T15:10:00Z', '203.0.113.50', 'Safari', root),
      login('2026-11-12T15:00:00Z', '198.51.100.4', 'Chrome', unnamed),
      login('2026-11-12T15:10:00Z', '203.0.113.50', 'Safari', unnamed),
    ];
    expect(run(sharedCredentials, { events })).toEqual([]);
  });
  test('the finding names the first pair and carries every qualifying pair, each sign-in with its id, time, address and browser', () => {
    // The 15:00 and 15:20 sign-ins share an address, so only two of the three pairs qualify.
    const a = login('2026-11-12T15:00:00Z', '198.51.100.4', 'Chrome');
    const b = login('2026-11-12T15:10:00Z', '203.0.113.50', 'Safari');
    const c = login('2026-11-12T15:20:00Z', '198.51.100.4', 'Firefox');
    const signIn = (e: typeof a) => ({ eventId: e.id, time: e.time, sourceIp: e.sourceIp, userAgent: e.userAgent });
    expect(run(sharedCredentials, { events: [a, b, c] })).toEqual([
      {
        check: 'shared-credentials',
        rule: 'concurrent-console-sessions',
        principal: 'mgarcia',
        severity: 'high',
        summary: 'mgarcia signed in from 198.51.100.4 and 203.0.113.50 with different browsers within 60 minutes (2026-11-12T15:00:00Z): ask whether the password is shared, then reset it.',
        evidence: { pairs: [[signIn(a), signIn(b)], [signIn(b), signIn(c)]], pairCount: 2 },
      },
    ]);
  });
});

describe('shared-credentials: access-key-multiple-origins', () => {
  const use = (time: string, sourceIp: string, userAgent: string, accessKeyId = 'AKIAEXAMPLECIDEPLOY1') => event({ time, sourceIp, userAgent, accessKeyId, userName: 'ci-deployer' });

  test('flags a long-term key used from two addresses with two clients within the window, IPv6 included', () => {
    const events = [use('2026-11-13T10:00:00Z', '198.51.100.5', 'aws-cli'), use('2026-11-13T10:20:00Z', '2001:db8:4f1a::1234', 'Boto3')];
    const findings = run(sharedCredentials, { events });
    expect(rules(findings)).toEqual(['access-key-multiple-origins:ci-deployer']);
    expect(findings[0].evidence.sourceIps).toEqual(['198.51.100.5', '2001:db8:4f1a::1234']);
  });
  test('an address or a client that left the window no longer counts', () => {
    // At 11:35 the window (60 min) holds the 11:30 and 11:35 uses: one address, two clients.
    const oldAddress = [use('2026-11-13T10:00:00Z', '198.51.100.5', 'aws-cli'), use('2026-11-13T11:30:00Z', '203.0.113.9', 'Boto3'), use('2026-11-13T11:35:00Z', '203.0.113.9', 'aws-cli')];
    expect(run(sharedCredentials, { events: oldAddress })).toEqual([]);
    // Two addresses, one client.
    const oldClient = [use('2026-11-13T10:00:00Z', '198.51.100.5', 'aws-cli'), use('2026-11-13T11:30:00Z', '203.0.113.9', 'Boto3'), use('2026-11-13T11:35:00Z', '198.51.100.5', 'Boto3')];
    expect(run(sharedCredentials, { events: oldClient })).toEqual([]);
  });
  test('does not flag the same pattern spread over more than the window', () => {
    const events = [use('2026-11-13T10:00:00Z', '198.51.100.5', 'aws-cli'), use('2026-11-13T12:00:00Z', '203.0.113.9', 'Boto3')];
    expect(run(sharedCredentials, { events })).toEqual([]);
  });
  test('does not flag temporary (ASIA) keys, one client from two addresses, or calls made by AWS services', () => {
    const events = [
      use('2026-11-13T10:00:00Z', '198.51.100.5', 'aws-cli', 'ASIAEXAMPLETEMP0001'),
      use('2026-11-13T10:05:00Z', '203.0.113.9', 'Boto3', 'ASIAEXAMPLETEMP0001'),
      use('2026-11-13T11:00:00Z', '198.51.100.5', 'aws-cli'),
      use('2026-11-13T11:05:00Z', '10.20.1.1', 'aws-cli'),
      use('2026-11-13T11:06:00Z', 'cloudformation.amazonaws.com', 'cloudformation.amazonaws.com'),
    ];
    expect(run(sharedCredentials, { events })).toEqual([]);
  });
  test('the finding covers the first crowded window only: uses that left it before, or came after, are not its evidence', () => {
    // 08:00 is more than the window before 10:00; 10:00 and 11:00 are exactly the window apart, which counts.
    const before = use('2026-11-13T08:00:00Z', '198.51.100.5', 'aws-cli');
    const first = use('2026-11-13T10:00:00Z', '198.51.100.5', 'aws-cli');
    const second = use('2026-11-13T11:00:00Z', '203.0.113.9', 'Boto3');
    const after = use('2026-11-13T11:30:00Z', '203.0.113.9', 'Boto3');
    expect(run(sharedCredentials, { events: [before, first, second, after] })).toEqual([
      {
        check: 'shared-credentials',
        rule: 'access-key-multiple-origins',
        principal: 'ci-deployer',
        severity: 'high',
        summary: "ci-deployer's access key AKIAEXAMPLECIDEPLOY1 was used from 2 addresses with 2 different clients within 60 minutes (from 2026-11-13T10:00:00Z): rotate the key and ask who holds copies.",
        evidence: { accessKeyId: 'AKIAEXAMPLECIDEPLOY1', sourceIps: ['198.51.100.5', '203.0.113.9'], userAgents: ['aws-cli', 'Boto3'], eventIds: [first.id, second.id], from: '2026-11-13T10:00:00Z', to: '2026-11-13T11:00:00Z' },
      },
    ]);
  });
  test('each key is judged on its own uses: two keys, each from one place with one client, are not one shared key', () => {
    const events = [use('2026-11-13T10:00:00Z', '198.51.100.5', 'aws-cli', 'AKIAEXAMPLECIDEPLOY1'), use('2026-11-13T10:05:00Z', '203.0.113.9', 'Boto3', 'AKIAEXAMPLEOTHERKEY2')];
    expect(run(sharedCredentials, { events })).toEqual([]);
  });
  test("the key's user is named by a use that carries the name; a key no use names (the root account's) is named by its id", () => {
    const named = [
      event({ time: '2026-11-13T10:00:00Z', sourceIp: '198.51.100.5', userAgent: 'aws-cli', accessKeyId: 'AKIAEXAMPLECIDEPLOY1', userName: undefined }),
      use('2026-11-13T10:05:00Z', '203.0.113.9', 'Boto3'),
    ];
    expect(rules(run(sharedCredentials, { events: named }))).toEqual(['access-key-multiple-origins:ci-deployer']);
    const rootUse = (time: string, sourceIp: string, userAgent: string) =>
      event({ time, sourceIp, userAgent, accessKeyId: 'AKIAEXAMPLEROOTKEY01', identityType: 'Root', userName: undefined, arn: 'arn:aws:iam::111122223333:root' });
    const root = [rootUse('2026-11-13T10:00:00Z', '198.51.100.5', 'aws-cli'), rootUse('2026-11-13T10:05:00Z', '203.0.113.9', 'Boto3')];
    expect(rules(run(sharedCredentials, { events: root }))).toEqual(['access-key-multiple-origins:AKIAEXAMPLEROOTKEY01']);
  });
});

describe('shared-credentials: streaming-as-another-user', () => {
  const url = (userName: string, streamingUserId: string | undefined, over = {}) =>
    event({ time: '2026-11-12T15:00:00Z', eventSource: 'appstream.amazonaws.com', eventName: 'CreateStreamingURL', userName, streamingUserId, ...over });

  test('flags a streaming URL created for another user id (high), once per caller and user id', () => {
    const events = [url('kchen', 'mgarcia'), url('kchen', 'mgarcia', { id: 'e2', time: '2026-11-12T16:00:00Z' }), url('kchen', 'kchen', { id: 'e3' })];
    const findings = run(sharedCredentials, { events });
    expect(rules(findings)).toEqual(['streaming-as-another-user:kchen']);
    expect(findings[0]).toMatchObject({ severity: 'high', evidence: { userId: 'mgarcia', succeeded: 2, attempts: 2 } });
  });
  test('a refused attempt is medium', () => {
    const findings = run(sharedCredentials, { events: [url('kchen', 'mgarcia', { success: false })] });
    expect(findings).toEqual([expect.objectContaining({ rule: 'streaming-as-another-user', severity: 'medium' })]);
  });
  test("does not flag one's own workstation, a role's call, or another service's CreateStreamingURL", () => {
    const events = [
      url('kchen', 'kchen'),
      url('kchen', 'mgarcia', { identityType: 'AssumedRole', userName: undefined }),
      url('kchen', 'mgarcia', { eventSource: 'workspaces-web.amazonaws.com' }),
      url('kchen', undefined),
    ];
    expect(run(sharedCredentials, { events })).toEqual([]);
  });
});
