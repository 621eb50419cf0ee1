import { auditIntegrity, principalOf, TAMPER_EVENTS } from '../../../checks/rules/audit-integrity';
import { event, rules, run } from '../helpers';

const call = (eventSource: string, eventName: string, over: Partial<ReturnType<typeof event>> = {}) => event({ time: '2026-11-16T12:00:00Z', userName: 'opsadmin', eventSource, eventName, ...over });
const audit = (...events: ReturnType<typeof event>[]) => run(auditIntegrity, { events });

describe('audit-integrity', () => {
  test.each(Object.entries(TAMPER_EVENTS).flatMap(([rule, bySource]) => Object.entries(bySource).flatMap(([source, names]) => names.map((name) => [rule, source, name]))))(
    '%s: %s %s succeeded is high',
    (rule, source, name) => {
      expect(audit(call(source, name))).toEqual([expect.objectContaining({ check: 'audit-integrity', rule, principal: 'opsadmin', severity: 'high' })]);
    },
  );
  test('a failed or denied attempt is medium, apart from the successes', () => {
    const findings = audit(call('cloudtrail.amazonaws.com', 'StopLogging', { success: false }), call('cloudtrail.amazonaws.com', 'StopLogging'));
    expect(findings.map((f) => f.severity).sort()).toEqual(['high', 'medium']);
  });
  test('names a role by its name and the root account as the credential report does', () => {
    const role = call('kms.amazonaws.com', 'ScheduleKeyDeletion', { identityType: 'AssumedRole', userName: undefined, arn: 'arn:aws:sts::111122223333:assumed-role/break-glass/osaid' });
    const root = call('cloudtrail.amazonaws.com', 'DeleteTrail', { identityType: 'Root', userName: undefined, arn: 'arn:aws:iam::111122223333:root' });
    expect(rules(audit(role, root))).toEqual(['key-disabled:break-glass', 'logging-stopped:<root_account>']);
  });
  test('groups repeats of one call by one principal', () => {
    const findings = audit(call('s3.amazonaws.com', 'PutBucketPolicy'), call('s3.amazonaws.com', 'PutBucketPolicy', { time: '2026-11-17T12:00:00Z' }));
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toMatchObject({ count: 2, first: '2026-11-16T12:00:00Z', last: '2026-11-17T12:00:00Z' });
  });
  test('does not flag CloudFormation deploying, the same name from another service, or read calls', () => {
    expect(
      audit(
        call('s3.amazonaws.com', 'PutBucketPolicy', { invokedBy: 'cloudformation.amazonaws.com', sourceIp: 'cloudformation.amazonaws.com' }),
        call('cloudformation.amazonaws.com', 'UpdateStack'),
        call('cloudtrail.amazonaws.com', 'GetTrailStatus'),
        call('kms.amazonaws.com', 'EnableKey'),
      ),
    ).toEqual([]);
  });
});

describe('audit-integrity: summaries and principals', () => {
  test('one call and several, succeeded and refused', () => {
    const [once] = audit(call('cloudtrail.amazonaws.com', 'StopLogging'));
    expect(once.summary).toBe("opsadmin called StopLogging on 2026-11-16T12:00:00Z, stopping or deleting the trail: find out why and restore the stack's settings.");
    const [twice] = audit(call('cloudtrail.amazonaws.com', 'StopLogging', { success: false }), call('cloudtrail.amazonaws.com', 'StopLogging', { success: false, time: '2026-11-17T12:00:00Z' }));
    expect(twice.summary).toBe('opsadmin tried StopLogging 2 times (first 2026-11-16T12:00:00Z) and was refused (stopping or deleting the trail): find out why they tried.');
  });
  test('principalOf: a role by name; an ARN that names no role, or no ARN at all', () => {
    expect(principalOf(call('kms.amazonaws.com', 'DisableKey', { identityType: 'AssumedRole', userName: undefined, arn: 'arn:aws:sts::111122223333:assumed-role/ops/alice' }))).toBe('ops');
    expect(principalOf(call('kms.amazonaws.com', 'DisableKey', { identityType: 'AWSAccount', userName: undefined, arn: 'arn:aws:iam::444455556666:root' }))).toBe('arn:aws:iam::444455556666:root');
    expect(principalOf(call('kms.amazonaws.com', 'DisableKey', { identityType: 'AWSService', userName: undefined, arn: undefined }))).toBe('AWSService');
  });
});
