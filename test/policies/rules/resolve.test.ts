import { App, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import {
  asList,
  flatten,
  isObject,
  isTrue,
  literalNumber,
  referencedLogicalId,
  resourcesInStack,
  tagValue,
  templateOf,
  withRuleCache,
} from '../../../policies/rules/resolve';
import { cfn, newStack } from './utils';

describe('resolve: a construct as the template will hold it', () => {
  test('templateOf gives the logical id, the type and the properties with tokens resolved and overrides applied', () => {
    const stack = newStack();
    const target = cfn(stack, 'Target', 'AWS::SNS::Topic');
    const node = cfn(stack, 'Queue', 'AWS::SQS::Queue', { QueueName: 'q', RedriveTarget: target.ref, Unset: undefined });
    node.addPropertyOverride('DelaySeconds', 5);
    expect(templateOf(node)).toEqual({
      logicalId: 'Queue',
      type: 'AWS::SQS::Queue',
      properties: { QueueName: 'q', RedriveTarget: { Ref: 'Target' }, DelaySeconds: 5 },
    });
  });

  test('templateOf gives {} properties for a resource that has none', () => {
    const stack = newStack();
    expect(templateOf(cfn(stack, 'Bare', 'AWS::SNS::Topic')).properties).toEqual({});
  });

  test('withRuleCache shares one resolution per resource within a run and none outside it', () => {
    const stack = newStack();
    const node = cfn(stack, 'Topic', 'AWS::SNS::Topic', { TopicName: 't' });
    expect(templateOf(node)).not.toBe(templateOf(node));
    const [a, b] = withRuleCache(() => [templateOf(node), templateOf(node)]);
    expect(a).toBe(b);
    // The cache ends with the run: the tree may change again.
    expect(templateOf(node)).not.toBe(a);
  });

  test('withRuleCache restores the enclosing run, and its result is the callback result', () => {
    const stack = newStack();
    const node = cfn(stack, 'Topic', 'AWS::SNS::Topic');
    withRuleCache(() => {
      const outer = templateOf(node);
      expect(withRuleCache(() => templateOf(node))).not.toBe(outer);
      expect(templateOf(node)).toBe(outer);
    });
    expect(withRuleCache(() => 42)).toBe(42);
  });

  test('withRuleCache ends its run even when the callback throws', () => {
    const stack = newStack();
    const node = cfn(stack, 'Topic', 'AWS::SNS::Topic');
    expect(() =>
      withRuleCache(() => {
        throw new Error('rule failed');
      }),
    ).toThrow('rule failed');
    expect(templateOf(node)).not.toBe(templateOf(node));
  });

  test('resourcesInStack lists one type of this stack only, without nested stacks', () => {
    const stack = newStack();
    const a = cfn(stack, 'A', 'AWS::S3::Bucket');
    const b = cfn(stack, 'B', 'AWS::S3::Bucket');
    cfn(stack, 'T', 'AWS::SNS::Topic');
    const nested = new NestedStack(stack, 'Nested');
    const inner = cfn(nested, 'Inner', 'AWS::S3::Bucket');
    expect(resourcesInStack(a, 'AWS::S3::Bucket')).toEqual([a, b]);
    expect(resourcesInStack(inner, 'AWS::S3::Bucket')).toEqual([inner]);
    expect(resourcesInStack(a, 'AWS::EC2::VPC')).toEqual([]);
    expect(withRuleCache(() => resourcesInStack(a, 'AWS::S3::Bucket'))).toEqual([a, b]);
    expect(withRuleCache(() => resourcesInStack(a, 'AWS::EC2::VPC'))).toEqual([]);
  });

  test('resourcesInStack indexes a stack once per run: later additions show only in the next run', () => {
    const stack = newStack();
    const a = cfn(stack, 'A', 'AWS::S3::Bucket');
    withRuleCache(() => {
      expect(resourcesInStack(a, 'AWS::S3::Bucket')).toHaveLength(1);
      cfn(stack, 'B', 'AWS::S3::Bucket');
      expect(resourcesInStack(a, 'AWS::S3::Bucket')).toHaveLength(1);
    });
    expect(resourcesInStack(a, 'AWS::S3::Bucket')).toHaveLength(2);
  });

  test('resourcesInStack keeps one index per stack in a run', () => {
    const app = new App();
    const one = new Stack(app, 'One');
    const two = new Stack(app, 'Two');
    const a = cfn(one, 'A', 'AWS::S3::Bucket');
    const b = cfn(two, 'B', 'AWS::S3::Bucket');
    withRuleCache(() => {
      expect(resourcesInStack(a, 'AWS::S3::Bucket')).toEqual([a]);
      expect(resourcesInStack(b, 'AWS::S3::Bucket')).toEqual([b]);
    });
  });

  test('isObject: plain objects only', () => {
    expect(isObject({})).toBe(true);
    expect(isObject(null)).toBe(false);
    expect(isObject([])).toBe(false);
    expect(isObject('x')).toBe(false);
    expect(isObject(undefined)).toBe(false);
  });

  test('referencedLogicalId reads Ref and Fn::GetAtt, nothing else', () => {
    expect(referencedLogicalId({ Ref: 'Vpc' })).toBe('Vpc');
    expect(referencedLogicalId({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('Bucket');
    expect(referencedLogicalId({ 'Fn::GetAtt': [{ Ref: 'X' }, 'Arn'] })).toBeUndefined();
    expect(referencedLogicalId({ 'Fn::GetAtt': 'Bucket.Arn' })).toBeUndefined();
    expect(referencedLogicalId({ Ref: 1 })).toBeUndefined();
    expect(referencedLogicalId('Vpc')).toBeUndefined();
    expect(referencedLogicalId(['Vpc'])).toBeUndefined();
  });

  test('flatten spells every intrinsic as one string', () => {
    expect(flatten('arn:${AWS::Partition}:s3:::${Bucket}/x')).toBe('arn:<AWS::Partition>:s3:::<Bucket>/x');
    expect(flatten('plain')).toBe('plain');
    expect(flatten(12)).toBe('12');
    expect(flatten(false)).toBe('false');
    expect(flatten({ Ref: 'AWS::AccountId' })).toBe('<AWS::AccountId>');
    expect(flatten({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('<Bucket.Arn>');
    expect(flatten({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b']] })).toBe('arn:<AWS::Partition>:s3:::b');
    expect(flatten({ 'Fn::Join': ['/', ['a', 'b']] })).toBe('a/b');
    expect(flatten({ 'Fn::Sub': 'arn:${AWS::Partition}:x' })).toBe('arn:<AWS::Partition>:x');
    expect(flatten({ 'Fn::Sub': ['${A}-x', { A: 'ignored' }] })).toBe('<A>-x');
    // Anything else stays recognisably itself, never equal to a literal.
    expect(flatten({ 'Fn::Join': [1, ['a']] })).toBe('{"Fn::Join":[1,["a"]]}');
    expect(flatten({ 'Fn::Join': ['', 'a'] })).toBe('{"Fn::Join":["","a"]}');
    expect(flatten({ 'Fn::If': ['C', 'a', 'b'] })).toBe('{"Fn::If":["C","a","b"]}');
    expect(flatten({ Ref: 3 })).toBe('{"Ref":3}');
    expect(flatten({ 'Fn::Sub': 3 })).toBe('{"Fn::Sub":3}');
    expect(flatten(null)).toBe('null');
    expect(flatten(['a'])).toBe('["a"]');
  });

  test('asList: undefined is empty, a single value a list of one', () => {
    expect(asList(undefined)).toEqual([]);
    expect(asList('a')).toEqual(['a']);
    expect(asList(['a', 'b'])).toEqual(['a', 'b']);
    expect(asList(null)).toEqual([null]);
  });

  test('isTrue: true and "true" in any case, nothing else', () => {
    expect(isTrue(true)).toBe(true);
    expect(isTrue('true')).toBe(true);
    expect(isTrue('TRUE')).toBe(true);
    expect(isTrue('yes')).toBe(false);
    expect(isTrue(false)).toBe(false);
    expect(isTrue(1)).toBe(false);
    expect(isTrue(undefined)).toBe(false);
  });

  test('literalNumber: numbers and whole numeric strings only', () => {
    expect(literalNumber(900)).toBe(900);
    expect(literalNumber('2192')).toBe(2192);
    expect(literalNumber('12a')).toBeUndefined();
    expect(literalNumber('a12')).toBeUndefined();
    expect(literalNumber('1.5')).toBeUndefined();
    expect(literalNumber('')).toBeUndefined();
    expect(literalNumber({ Ref: 'Days' })).toBeUndefined();
  });

  test('tagValue: the literal value of the first tag with that key', () => {
    const properties = { Tags: [{ Key: 'other', Value: 'x' }, 'junk', { Key: 'k', Value: { Ref: 'P' } }, { Key: 'k', Value: 'v' }, { Key: 'k', Value: 'w' }] };
    expect(tagValue(properties, 'k')).toBe('v');
    expect(tagValue(properties, 'missing')).toBeUndefined();
    expect(tagValue({}, 'k')).toBeUndefined();
    expect(tagValue({ Tags: { Key: 'k', Value: 'single' } }, 'k')).toBe('single');
  });

  test('a CfnResource built with CDK resolves like a raw one', () => {
    const stack = newStack();
    const node = new CfnResource(stack, 'R', { type: 'AWS::SNS::Topic', properties: { TopicName: stack.stackName } });
    expect(templateOf(node).properties).toEqual({ TopicName: 'Test' });
  });
});
