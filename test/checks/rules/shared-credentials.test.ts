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
