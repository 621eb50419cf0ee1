import { App, AspectPriority, Aspects, type CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SixYearLambdaLogging } from '../../lib/lambda-logging';
import { SixYearLogGroup } from '../../lib/six-year-log-group';
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

describe('SixYearLambdaLogging aspect', () => {
  test('adds a six-year group to a function without LoggingConfig and leaves a configured one alone', () => {
    const app = new App();
    const stack = new Stack(app, 'T');
    const key = new kms.Key(stack, 'Key');
    Aspects.of(stack).add(new SixYearLambdaLogging(key), { priority: AspectPriority.MUTATING });
    const own = new SixYearLogGroup(stack, 'Own', { encryptionKey: key });
    const code = lambda.Code.fromInline('exports.handler = async () => {};');
    new lambda.Function(stack, 'Configured', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, logGroup: own });
    new lambda.CfnFunction(stack, 'Bare', { role: 'arn:aws:iam::111122223333:role/r', code: { zipFile: 'x' }, runtime: 'nodejs22.x', handler: 'index.handler' });

    const template = Template.fromStack(stack);
    const ownId = stack.getLogicalId(own.node.defaultChild as CfnResource);
    const logGroups = template.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(logGroups)).toHaveLength(2);
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as { Properties: { LoggingConfig: { LogGroup: { Ref: string } } } }[];
    const targets = functions.map((f) => f.Properties.LoggingConfig.LogGroup.Ref);
    expect(targets).toContain(ownId);
    const added = targets.find((t) => t !== ownId) ?? '';
    expect((logGroups[added] as { Properties: Record<string, unknown> }).Properties).toMatchObject({ RetentionInDays: 2192, KmsKeyId: expect.anything() });
  });
});
