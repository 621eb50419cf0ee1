import type { Template } from 'aws-cdk-lib/assertions';
import { resourcesOf, synth } from './synth';

describe('Six-year logging: every log group, every Lambda', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('every log group keeps 2192 days, is KMS-encrypted and retained', () => {
    const groups = resourcesOf(template, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(5);
    for (const group of groups) {
      expect(group.Properties).toMatchObject({ RetentionInDays: 2192, KmsKeyId: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } });
      expect(group.DeletionPolicy).toBe('Retain');
    }
  });

  test("every Lambda function, CDK's helpers included, logs to one of those groups", () => {
    const groupIds = new Set(Object.keys(template.findResources('AWS::Logs::LogGroup')));
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    // The default-security-group restrictor and the AwsCustomResource provider.
    expect(functions.length).toBeGreaterThanOrEqual(2);
    for (const fn of functions) {
      const config = (fn.Properties as { LoggingConfig?: { LogGroup?: { Ref?: string } } }).LoggingConfig;
      expect(groupIds.has(config?.LogGroup?.Ref ?? '')).toBe(true);
    }
  });

  test('no Custom::LogRetention (it cannot encrypt)', () => {
    template.resourceCountIs('Custom::LogRetention', 0);
  });
});
