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

describe('audit-integrity: the findings in full', () => {
  test('succeeded: the call, its outcome, and each event by id, time, address and ARN', () => {
    const events = [
      call('s3.amazonaws.com', 'PutBucketPolicy', { id: 'p1', arn: 'arn:aws:iam::111122223333:user/opsadmin', sourceIp: '198.51.100.3' }),
      call('s3.amazonaws.com', 'PutBucketPolicy', { id: 'p2', time: '2026-11-17T09:30:00Z', arn: undefined, sourceIp: '10.100.1.20' }),
    ];
    expect(audit(...events)).toStrictEqual([
      {
        check: 'audit-integrity',
        rule: 'protection-removed',
        principal: 'opsadmin',
        severity: 'high',
        summary: "opsadmin called PutBucketPolicy 2 times (first 2026-11-16T12:00:00Z), changing a bucket, VPN, workstation or password guard: find out why and restore the stack's settings.",
        evidence: {
          eventName: 'PutBucketPolicy',
          eventSource: 's3.amazonaws.com',
          outcome: 'succeeded',
          count: 2,
          first: '2026-11-16T12:00:00Z',
          last: '2026-11-17T09:30:00Z',
          events: [
            { eventId: 'p1', time: '2026-11-16T12:00:00Z', sourceIp: '198.51.100.3', arn: 'arn:aws:iam::111122223333:user/opsadmin' },
            { eventId: 'p2', time: '2026-11-17T09:30:00Z', sourceIp: '10.100.1.20' },
          ],
        },
      },
    ]);
  });
  test('refused: the outcome says so', () => {
    const [f] = audit(call('kms.amazonaws.com', 'ScheduleKeyDeletion', { success: false }));
    expect(f).toMatchObject({ severity: 'medium', evidence: { outcome: 'failed or denied', count: 1 } });
  });
  test('one finding per rule, principal, call and outcome', () => {
    const findings = audit(
      call('s3.amazonaws.com', 'PutBucketPolicy'),
      call('s3.amazonaws.com', 'PutBucketPolicy', { userName: 'jdoe' }),
      call('s3.amazonaws.com', 'DeleteBucketPolicy'),
      call('s3.amazonaws.com', 'PutBucketPolicy', { success: false }),
      call('s3.amazonaws.com', 'PutBucketPolicy'),
    );
    expect(findings.map((f) => `${f.principal}:${f.evidence.eventName}:${f.evidence.outcome}:${f.evidence.count}`)).toEqual([
      'opsadmin:PutBucketPolicy:succeeded:2',
      'jdoe:PutBucketPolicy:succeeded:1',
      'opsadmin:DeleteBucketPolicy:succeeded:1',
      'opsadmin:PutBucketPolicy:failed or denied:1',
    ]);
  });
});

describe('audit-integrity: principalOf by identity type', () => {
  const who = (over: Partial<ReturnType<typeof event>>) => principalOf(call('cloudtrail.amazonaws.com', 'StopLogging', over));
  test('an IAM user by name', () => {
    expect(who({ identityType: 'IAMUser', userName: 'opsadmin', arn: 'arn:aws:iam::111122223333:user/opsadmin' })).toBe('opsadmin');
  });
  test('the root account as the credential report names it, even when its userName is the account alias', () => {
    expect(who({ identityType: 'Root', userName: 'examplecoding', arn: 'arn:aws:iam::111122223333:root' })).toBe('<root_account>');
  });
  test('an IAM user whose record names no user: by its ARN', () => {
    expect(who({ identityType: 'IAMUser', userName: undefined, arn: 'arn:aws:iam::111122223333:user/opsadmin' })).toBe('arn:aws:iam::111122223333:user/opsadmin');
  });
});
