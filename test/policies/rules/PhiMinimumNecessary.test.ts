import { Aws, aws_iam as iam } from 'aws-cdk-lib';
import { PhiMinimumNecessary } from '../../../policies/rules/PhiMinimumNecessary';
import { phiBucket } from './phi-fixtures';
import { cfn, newStack, TestType, validateStack } from './utils';

describe('PhiMinimumNecessary on raw template resources: exact problems', () => {
  const PHI_TAGS = [{ Key: 'data-classification', Value: 'phi' }];
  function group(statements: unknown[], props: Record<string, unknown> = { GroupName: 'coders-cardiology' }, withPhi = true) {
    const stack = newStack();
    if (withPhi) cfn(stack, 'Phi', 'AWS::S3::Bucket', { BucketName: 'charts', Tags: PHI_TAGS });
    cfn(stack, 'Logs', 'AWS::S3::Bucket', { BucketName: 'logs' });
    return PhiMinimumNecessary.evaluate(
      cfn(stack, 'Coders', 'AWS::IAM::Group', { ...props, Policies: [{ PolicyName: 'Access', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] }),
    );
  }
  const allow = (Action: unknown, Resource: unknown) => ({ Effect: 'Allow', Action, Resource });

  test('own specialty prefix, the bucket itself, other buckets, non-object actions and Denies pass', () => {
    expect(group([allow(['s3:GetObject', 's3:PutObject'], ['arn:aws:s3:::charts', 'arn:aws:s3:::charts/cardiology/*'])])).toEqual([]);
    expect(group([allow('s3:Get*', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Phi', 'Arn'] }, '/cardiology/*']] })])).toEqual([]);
    expect(group([allow('s3:GetObject', 'arn:aws:s3:::charts/cardiology/')])).toEqual([]);
    expect(group([allow('s3:GetObject', 'arn:aws:s3:::logs/*')])).toEqual([]);
    expect(group([allow('s3:ListBucket', 'arn:aws:s3:::charts/*')])).toEqual([]);
    expect(group([{ Effect: 'Deny', Action: 's3:*', Resource: '*' }])).toEqual([]);
    expect(group([allow('s3:GetObject', 'arn:aws:s3:::charts/oncology/*')], {})).toEqual([]);
  });

  test('wide grants on PHI objects are named with the policy, the actions and the resource', () => {
    expect(group([allow('s3:GetObject', 'arn:aws:s3:::charts/*')])).toEqual(['inline policy Access allows s3:GetObject on arn:aws:s3:::charts/*']);
    expect(group([allow(['s3:GetObject', 's3:DeleteObject'], '*')])).toEqual(['inline policy Access allows s3:GetObject, s3:DeleteObject on *']);
    expect(group([allow('s3:GetObject', 'arn:aws:s3:::char*/cardiology/*')])).toEqual(['inline policy Access allows s3:GetObject on arn:aws:s3:::char*/cardiology/*']);
    expect(group([allow('s3:GetObject', 'arn:aws-us-gov:s3:::chart?/x')])).toEqual(['inline policy Access allows s3:GetObject on arn:aws-us-gov:s3:::chart?/x']);
    expect(group([allow('s3:GetObject', 'arn:aws:s3:::charts/Cardiology/*')])).toEqual(['inline policy Access allows s3:GetObject on arn:aws:s3:::charts/Cardiology/*']);
    expect(group([allow('s3:GetObject', 'arn:aws:s3:::charts/cardiology')])).toEqual(['inline policy Access allows s3:GetObject on arn:aws:s3:::charts/cardiology']);
    expect(group([allow('s3:GetObject', 'arn:aws:s3:::charts/*/cardiology/*')])).toEqual(['inline policy Access allows s3:GetObject on arn:aws:s3:::charts/*/cardiology/*']);
    expect(group([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: ['arn:aws:s3:::logs/*'] }])).toEqual([
      'inline policy Access allows s3:GetObject on NotResource arn:aws:s3:::logs/*',
    ]);
  });

  test('s3:* (or *, or NotAction) on the PHI bucket is wide even on the own prefix', () => {
    expect(group([allow('s3:*', 'arn:aws:s3:::charts/cardiology/*')])).toEqual(['inline policy Access allows s3:* on arn:aws:s3:::charts/cardiology/* (s3:* on PHI)']);
    expect(group([allow('S3:*', 'arn:aws:s3:::charts')])).toEqual(['inline policy Access allows S3:* on arn:aws:s3:::charts (s3:* on PHI)']);
    expect(group([allow('*', 'arn:aws:s3:::charts')])).toEqual(['inline policy Access allows * on arn:aws:s3:::charts (s3:* on PHI)']);
    expect(group([{ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::charts' }])).toEqual([
      'inline policy Access allows iam:* on arn:aws:s3:::charts (s3:* on PHI)',
    ]);
    // s3:* on another bucket reaches no PHI.
    expect(group([allow('s3:*', 'arn:aws:s3:::logs/*')])).toEqual([]);
    expect(group([allow('s3:List*', 'arn:aws:s3:::charts/cardiology/*')])).toEqual([]);
  });

  test('several specialties, or another specialty than the group’s own', () => {
    expect(group([allow('s3:GetObject', ['arn:aws:s3:::charts/oncology/*', 'arn:aws:s3:::charts/cardiology/*'])])).toEqual([
      'PHI object access spans several specialties: cardiology, oncology',
      "coders-cardiology reaches another specialty's charts: oncology/",
    ]);
    expect(group([allow('s3:GetObject', 'arn:aws:s3:::charts/oncology/*')])).toEqual(["coders-cardiology reaches another specialty's charts: oncology/"]);
    expect(group([allow('s3:GetObject', ['arn:aws:s3:::charts/oncology/*', 'arn:aws:s3:::charts/pediatrics/*'])], { GroupName: 'reviewers' })).toEqual([
      'PHI object access spans several specialties: oncology, pediatrics',
    ]);
    expect(group([allow('s3:GetObject', 'arn:aws:s3:::charts/oncology/*')], { GroupName: { Ref: 'Name' } })).toEqual([]);
  });

  test('AWS managed policies that reach every object are named when the stack holds a PHI bucket', () => {
    const managed = (arns: unknown[], withPhi = true) => group([], { GroupName: 'coders-cardiology', ManagedPolicyArns: arns }, withPhi);
    expect(managed(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] }])).toEqual([
      'AWS managed policy AmazonS3ReadOnlyAccess reaches every object of the PHI bucket',
      'AWS managed policy AdministratorAccess reaches every object of the PHI bucket',
    ]);
    expect(managed(['arn:aws:iam::aws:policy/job-function/PowerUserAccess'])).toEqual(['AWS managed policy PowerUserAccess reaches every object of the PHI bucket']);
    // The policy name is the whole last segment: not a customer policy of that name, not a longer path.
    expect(
      managed(['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'arn:aws:iam::111122223333:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess/']),
    ).toEqual([]);
    expect(managed(['arn:aws:iam::aws:policy/AdministratorAccess'], false)).toEqual([]);
    expect(group([allow('s3:*', '*')], {}, false)).toEqual([]);
  });

  test('other resource types are not applicable', () => {
    expect(PhiMinimumNecessary.evaluate(cfn(newStack(), 'Person', 'AWS::IAM::User'))).toBeUndefined();
  });
});

describe('PhiMinimumNecessary: people groups reach one specialty prefix of the PHI bucket, never s3:*', () => {
  test('Noncompliance 1: a coder group widened to the whole PHI bucket', () => {
    const stack = newStack();
    const bucket = phiBucket(stack);
    const group = new iam.Group(stack, 'Cardiology', { groupName: 'coders-cardiology' });
    bucket.grantRead(group);
    validateStack(stack, PhiMinimumNecessary, TestType.NON_COMPLIANCE, /allows .*s3:GetObject.* on <Phi[0-9A-F]*\.Arn>\/\*/);
  });

  test('Noncompliance 2: a coder group reaching another specialty', () => {
    const stack = newStack();
    const bucket = phiBucket(stack);
    const group = new iam.Group(stack, 'Cardiology', { groupName: 'coders-cardiology' });
    bucket.grantRead(group, 'orthopedics/*');
    validateStack(stack, PhiMinimumNecessary, TestType.NON_COMPLIANCE, /reaches another specialty's charts: orthopedics/);
  });

  test('Noncompliance 3: one group spanning two specialties', () => {
    const stack = newStack();
    const bucket = phiBucket(stack);
    const group = new iam.Group(stack, 'Leads', { groupName: 'coding-leads' });
    bucket.grantRead(group, 'cardiology/*');
    bucket.grantRead(group, 'orthopedics/*');
    validateStack(stack, PhiMinimumNecessary, TestType.NON_COMPLIANCE, /spans several specialties: cardiology, orthopedics/);
  });

  test('Noncompliance 4: s3:* on the PHI bucket, even under one prefix', () => {
    const stack = newStack();
    const bucket = phiBucket(stack);
    const group = new iam.Group(stack, 'Admins', { groupName: 'platform-admins' });
    group.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [bucket.arnForObjects('cardiology/*')] }));
    validateStack(stack, PhiMinimumNecessary, TestType.NON_COMPLIANCE, /s3:\* on PHI/);
  });

  test('Noncompliance 5: object reads on "*" through an attached managed policy', () => {
    const stack = newStack();
    phiBucket(stack);
    const group = new iam.Group(stack, 'Auditors', { groupName: 'compliance-auditors' });
    group.addManagedPolicy(new iam.ManagedPolicy(stack, 'ReadAll', { statements: [new iam.PolicyStatement({ actions: ['s3:Get*'], resources: ['*'] })] }));
    validateStack(stack, PhiMinimumNecessary, TestType.NON_COMPLIANCE, /managed policy ReadAll.* on \*/);
  });

  test('Noncompliance 6: an AWS managed policy that reads every bucket', () => {
    const stack = newStack();
    phiBucket(stack);
    const group = new iam.Group(stack, 'Admins', { groupName: 'platform-admins' });
    group.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
    validateStack(stack, PhiMinimumNecessary, TestType.NON_COMPLIANCE, /AWS managed policy ReadOnlyAccess reaches every object/);
  });

  test('Noncompliance 7: a bucket-name wildcard that matches the PHI bucket', () => {
    const stack = newStack();
    phiBucket(stack);
    const group = new iam.Group(stack, 'Cardiology', { groupName: 'coders-cardiology' });
    group.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:${Aws.PARTITION}:s3:::examplecoding-*/cardiology/*`] }));
    validateStack(stack, PhiMinimumNecessary, TestType.NON_COMPLIANCE, /on arn:<AWS::Partition>:s3:::examplecoding-\*\/cardiology\/\*/);
  });

  test('Compliance: coders-cardiology reads cardiology/* only', () => {
    const stack = newStack();
    const bucket = phiBucket(stack);
    const group = new iam.Group(stack, 'Cardiology', { groupName: 'coders-cardiology' });
    bucket.grantReadWrite(group, 'cardiology/*');
    group.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    validateStack(stack, PhiMinimumNecessary, TestType.COMPLIANCE);
  });
});
