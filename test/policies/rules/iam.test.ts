import { actionMatches, conditionValues, isEveryone, policiesOfGroup, statementsOf } from '../../../policies/rules/iam';
import { cfn, newStack } from './utils';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

describe('iam: policy statements as the gate rules read them', () => {
  test('statementsOf normalises Action/Resource and keeps Effect, Condition and Principal', () => {
    expect(
      statementsOf(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } }, Principal: '*' })),
    ).toEqual([
      {
        effect: 'Allow',
        actions: ['s3:GetObject'],
        notActions: false,
        resources: ['arn:aws:s3:::b/*'],
        notResources: false,
        condition: { Bool: { 'aws:SecureTransport': 'true' } },
        principal: '*',
      },
    ]);
  });

  test('statementsOf reads NotAction and NotResource, and marks them', () => {
    const [s] = statementsOf(doc({ Effect: 'Deny', NotAction: ['iam:ChangePassword', { Ref: 'A' }], NotResource: ['arn:x'] }));
    expect(s).toEqual({
      effect: 'Deny',
      actions: ['iam:ChangePassword', '{"Ref":"A"}'],
      notActions: true,
      resources: ['arn:x'],
      notResources: true,
      condition: {},
      principal: undefined,
    });
  });

  test('statementsOf: a single statement object, junk entries dropped, missing fields empty', () => {
    expect(statementsOf({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } })).toHaveLength(1);
    expect(statementsOf({ Statement: ['junk', { Effect: 7, Condition: ['x'] }] })).toEqual([
      { effect: '', actions: [], notActions: false, resources: [], notResources: false, condition: {}, principal: undefined },
    ]);
    expect(statementsOf(undefined)).toEqual([]);
    expect(statementsOf('{"Statement":[]}')).toEqual([]);
  });

  test('isEveryone: "*" or an AWS principal list holding "*"', () => {
    expect(isEveryone('*')).toBe(true);
    expect(isEveryone({ AWS: '*' })).toBe(true);
    expect(isEveryone({ AWS: ['arn:aws:iam::111122223333:root', '*'] })).toBe(true);
    expect(isEveryone({ AWS: 'arn:aws:iam::111122223333:root' })).toBe(false);
    expect(isEveryone({ Service: '*' })).toBe(false);
    expect(isEveryone('arn:aws:iam::111122223333:root')).toBe(false);
    expect(isEveryone(undefined)).toBe(false);
  });

  test('actionMatches: IAM globs, whole action, case-insensitive, regex characters literal', () => {
    expect(actionMatches('s3:Get*', 's3:GetObject')).toBe(true);
    expect(actionMatches('S3:GETOBJECT', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:GetObjec?', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:GetObjec?', 's3:GetObjectX')).toBe(false);
    expect(actionMatches('*', 's3:ListBucket')).toBe(true);
    expect(actionMatches('s3:Get', 's3:GetObject')).toBe(false);
    expect(actionMatches('Object', 's3:GetObject')).toBe(false);
    expect(actionMatches('s3.GetObject', 's3:GetObject')).toBe(false);
    expect(actionMatches('s3:(Get)Object', 's3:GetObject')).toBe(false);
    expect(actionMatches('s3:[G]etObject', 's3:GetObject')).toBe(false);
    expect(actionMatches('s3:G+etObject', 's3:GGetObject')).toBe(false);
  });

  test('conditionValues: operator and key compared case-insensitively, values as a list', () => {
    const condition = { boolifexists: { 'AWS:MultiFactorAuthPresent': 'false' }, StringEquals: { 'aws:PrincipalAccount': ['1', '2'] }, Null: 'bad' };
    expect(conditionValues(condition, 'BoolIfExists', 'aws:MultiFactorAuthPresent')).toEqual(['false']);
    expect(conditionValues(condition, 'StringEquals', 'aws:principalaccount')).toEqual(['1', '2']);
    expect(conditionValues(condition, 'StringEquals', 'aws:ResourceAccount')).toEqual([]);
    expect(conditionValues(condition, 'Bool', 'aws:MultiFactorAuthPresent')).toEqual([]);
    expect(conditionValues(condition, 'Null', 'x')).toEqual([]);
  });

  test('policiesOfGroup: inline, managed by ARN, managed by Groups, and Policy by Groups (Ref or name)', () => {
    const stack = newStack();
    const allow = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    const group = cfn(stack, 'Coders', 'AWS::IAM::Group', {
      GroupName: 'coders-cardiology',
      Policies: [{ PolicyName: 'Inline', PolicyDocument: allow }, 'junk'],
      ManagedPolicyArns: [{ Ref: 'ByArn' }, 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
    cfn(stack, 'ByArn', 'AWS::IAM::ManagedPolicy', { PolicyDocument: allow });
    cfn(stack, 'ByGroups', 'AWS::IAM::ManagedPolicy', { PolicyDocument: allow, Groups: [{ Ref: 'Coders' }] });
    cfn(stack, 'ByName', 'AWS::IAM::ManagedPolicy', { PolicyDocument: allow, Groups: ['coders-cardiology'] });
    cfn(stack, 'Unrelated', 'AWS::IAM::ManagedPolicy', { PolicyDocument: allow, Groups: ['other'] });
    cfn(stack, 'NoGroups', 'AWS::IAM::ManagedPolicy', { PolicyDocument: allow });
    cfn(stack, 'Plain', 'AWS::IAM::Policy', { PolicyName: 'p', PolicyDocument: allow, Groups: [{ Ref: 'Coders' }] });
    cfn(stack, 'PlainByName', 'AWS::IAM::Policy', { PolicyName: 'p', PolicyDocument: allow, Groups: 'coders-cardiology' });
    cfn(stack, 'PlainOther', 'AWS::IAM::Policy', { PolicyName: 'p', PolicyDocument: allow, Groups: [{ Ref: 'Other' }] });
    const policies = policiesOfGroup(group);
    expect(policies.map((p) => p.source)).toEqual([
      'inline policy Inline',
      'managed policy ByArn',
      'managed policy ByGroups',
      'managed policy ByName',
      'policy Plain',
      'policy PlainByName',
    ]);
    expect(policies.every((p) => p.statements.length === 1 && p.statements[0].actions[0] === 's3:GetObject')).toBe(true);
  });

  test('policiesOfGroup: a group without GroupName matches no policy by a name', () => {
    const stack = newStack();
    const group = cfn(stack, 'Coders', 'AWS::IAM::Group');
    cfn(stack, 'ByName', 'AWS::IAM::ManagedPolicy', { PolicyDocument: doc(), Groups: ['Coders'] });
    cfn(stack, 'PlainByName', 'AWS::IAM::Policy', { PolicyDocument: doc(), Groups: ['Coders'] });
    // An ARN in ManagedPolicyArns that is a literal matches a policy only by reference.
    expect(policiesOfGroup(group)).toEqual([]);
  });

  test('policiesOfGroup: a ManagedPolicyArns literal never matches a stack policy by its logical id', () => {
    const stack = newStack();
    const group = cfn(stack, 'Coders', 'AWS::IAM::Group', { ManagedPolicyArns: ['Guard'] });
    cfn(stack, 'Guard', 'AWS::IAM::ManagedPolicy', { PolicyDocument: doc() });
    expect(policiesOfGroup(group)).toEqual([]);
  });
});
