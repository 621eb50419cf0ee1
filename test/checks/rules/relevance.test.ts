import { parseRegister } from '../../../checks/register/load';
import { auditRelevantEvents, relevantEvents } from '../../../checks/rules/relevance';
import { config, event } from '../helpers';

// The loader drops what no rule reads; a dropped event can never become a finding, so every rule's
// events must survive it.
describe('relevantEvents keeps what the rules read and drops routine calls', () => {
  // Built inside each test, so that the mutation run sees which test reads what it builds.
  const keep = (e: ReturnType<typeof event>) => relevantEvents(config())(e);
  const inNetwork = { sourceIp: '10.20.0.15', userAgent: 'console.amazonaws.com' };

  test('an ordinary in-network call by a person is dropped', () => {
    expect(keep(event({ time: '2026-11-12T15:00:00Z', ...inNetwork }))).toBe(false);
  });
  test('a workstation URL for another user id is kept; one for oneself is dropped', () => {
    const url = (streamingUserId: string) => event({ time: '2026-11-12T15:00:00Z', ...inNetwork, eventSource: 'appstream.amazonaws.com', eventName: 'CreateStreamingURL', userName: 'kchen', streamingUserId });
    expect(keep(url('mgarcia'))).toBe(true);
    expect(keep(url('kchen'))).toBe(false);
  });
});

describe('auditRelevantEvents: the events the CLI keeps, given the register as loaded', () => {
  const c = config();
  // A routine in-specialty read by jdoe (cardiology), in hours, in network: kept only because the patient is watched.
  const read = event({ time: '2026-11-12T15:00:00Z', sourceIp: '10.20.0.15', eventSource: 's3.amazonaws.com', eventName: 'GetObject', bucket: c.storage.phiBucketName, key: 'cardiology/P100455/chart.pdf' });

  test('keeps access to a patient on the register\'s watch list', () => {
    expect(relevantEvents(c)(read)).toBe(false);
    const register = parseRegister({ watchList: [{ patientId: 'P100455', reason: 'relative of a workforce member', personIds: ['mgarcia'] }] }, 'register.json');
    expect(auditRelevantEvents(c, register)(read)).toBe(true);
  });

  test('a register unusable as a whole watches nobody', () => {
    expect(auditRelevantEvents(c, parseRegister([], 'register.json'))(read)).toBe(false);
  });
});

describe('relevantEvents: each reason to keep an event, alone', () => {
  const c = config();
  const keep = (e: ReturnType<typeof event>) => relevantEvents(c)(e);
  // An in-network, in-hours, routine call by a person with a console session: dropped.
  const base = { time: '2026-11-12T15:00:00Z', sourceIp: '10.20.0.15', userAgent: 'console.amazonaws.com', userName: 'jdoe', accessKeyId: 'ASIAEXAMPLE000000001' };
  const routine = event({ ...base });
  test('the routine call is dropped', () => {
    expect(keep(routine)).toBe(false);
  });
  test('the root account signing in; not the root account doing anything else', () => {
    expect(keep(event({ ...base, identityType: 'Root', userName: undefined, arn: 'arn:aws:iam::111122223333:root', eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com' }))).toBe(true);
    expect(keep(event({ ...base, identityType: 'Root', userName: undefined, arn: 'arn:aws:iam::111122223333:root' }))).toBe(false);
  });
  test("a person's sign-in, a long-term key, a call from outside the allowed networks", () => {
    expect(keep(event({ ...base, eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com' }))).toBe(true);
    expect(keep(event({ ...base, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }))).toBe(true);
    expect(keep(event({ ...base, sourceIp: '203.0.113.50' }))).toBe(true);
  });
  test('a role or an IAM user with no name is dropped, whatever else', () => {
    expect(keep(event({ ...base, identityType: 'AssumedRole', userName: undefined, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }))).toBe(false);
    expect(keep(event({ ...base, userName: undefined, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }))).toBe(false);
  });
  test("a leaver's every event", () => {
    expect(keep(event({ ...base, userName: 'tnguyen' }))).toBe(true);
    expect(keep(event({ ...base, userName: 'bsmith' }))).toBe(true);
  });
  test("a call through another account's VPC endpoint; not through our own", () => {
    expect(keep(event({ ...base, account: '111122223333', vpcEndpointId: 'vpce-0a1b2c3d', vpcEndpointAccountId: '444455556666' }))).toBe(true);
    expect(keep(event({ ...base, account: '111122223333', vpcEndpointId: 'vpce-0a1b2c3d', vpcEndpointAccountId: '111122223333' }))).toBe(false);
  });
  test('an anomalous PHI event (other specialty, after hours); not a routine one', () => {
    const phi = (key: string, time = base.time) => event({ ...base, time, eventSource: 's3.amazonaws.com', eventName: 'GetObject', bucket: c.storage.phiBucketName, key });
    expect(keep(phi('orthopedics/P1/a.pdf'))).toBe(true);
    expect(keep(phi('cardiology/P1/a.pdf', '2026-11-14T15:00:00Z'))).toBe(true);
    expect(keep(phi('cardiology/P1/a.pdf'))).toBe(false);
  });
  test('an AI-service call', () => {
    expect(keep(event({ ...base, eventSource: 'comprehendmedical.amazonaws.com', eventName: 'DetectEntitiesV2' }))).toBe(true);
  });
  test('tampering with the trail, by a role too', () => {
    expect(keep(event({ ...base, identityType: 'AssumedRole', userName: undefined, arn: 'arn:aws:sts::111122223333:assumed-role/ops/x', eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' }))).toBe(true);
  });
  test('a register with no watch list watches nobody', () => {
    const read = event({ ...base, eventSource: 's3.amazonaws.com', eventName: 'GetObject', bucket: c.storage.phiBucketName, key: 'cardiology/P100455/chart.pdf' });
    expect(auditRelevantEvents(c, parseRegister({}, 'register.json'))(read)).toBe(false);
  });
});
