import { aws_logs as logs } from 'aws-cdk-lib';
import { LogRetentionSixYears, SIX_YEARS_DAYS } from '../../../policies/rules/LogRetentionSixYears';
import { cfn, newStack, TestType, validateStack } from './utils';

describe('LogRetentionSixYears on raw template resources: exact problems at the boundary', () => {
  const evaluate = (type: string, properties: Record<string, unknown> = {}) => LogRetentionSixYears.evaluate(cfn(newStack(), 'R', type, properties));

  test('2192 days and more, or unset, pass; 2191 and tokens fail', () => {
    for (const type of ['AWS::Logs::LogGroup', 'Custom::LogRetention']) {
      expect(evaluate(type)).toEqual([]);
      expect(evaluate(type, { RetentionInDays: 2192 })).toEqual([]);
      expect(evaluate(type, { RetentionInDays: '3653' })).toEqual([]);
      expect(evaluate(type, { RetentionInDays: 2191 })).toEqual(['RetentionInDays is 2191, below 2192']);
      expect(evaluate(type, { RetentionInDays: { Ref: 'Days' } })).toEqual(['RetentionInDays is not a literal number ({"Ref":"Days"})']);
    }
    expect(SIX_YEARS_DAYS).toBe(2192);
  });

  test('other resource types are not applicable', () => {
    expect(evaluate('AWS::S3::Bucket', { RetentionInDays: 1 })).toBeUndefined();
    expect(LogRetentionSixYears.resourceTypes).toEqual(['AWS::Logs::LogGroup', 'Custom::LogRetention']);
  });
});

describe('LogRetentionSixYears: log groups keep events at least 2192 days or forever', () => {
  test('Noncompliance 1: a log group dropped to 365 days', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'Audit', { retention: logs.RetentionDays.ONE_YEAR });
    validateStack(stack, LogRetentionSixYears, TestType.NON_COMPLIANCE, /RetentionInDays is 365, below 2192/);
  });

  test('Noncompliance 2: a LogRetention custom resource at 5 years', () => {
    const stack = newStack();
    new logs.LogRetention(stack, 'FnLogs', { logGroupName: '/aws/lambda/fn', retention: logs.RetentionDays.FIVE_YEARS });
    validateStack(stack, LogRetentionSixYears, TestType.NON_COMPLIANCE, /RetentionInDays is 1827/);
  });

  test('Noncompliance 3: a retention that is not a literal fails closed', () => {
    const stack = newStack();
    const group = new logs.CfnLogGroup(stack, 'Audit', {});
    group.addPropertyOverride('RetentionInDays', { Ref: 'AWS::NoValue' });
    validateStack(stack, LogRetentionSixYears, TestType.NON_COMPLIANCE, /not a literal number/);
  });

  test('Compliance', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'SixYears', { retention: logs.RetentionDays.SIX_YEARS });
    new logs.LogGroup(stack, 'TenYears', { retention: logs.RetentionDays.TEN_YEARS });
    new logs.LogGroup(stack, 'Forever', { retention: logs.RetentionDays.INFINITE });
    validateStack(stack, LogRetentionSixYears, TestType.COMPLIANCE);
  });
});
