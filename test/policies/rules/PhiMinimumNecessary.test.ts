import { Aws, aws_iam as iam } from 'aws-cdk-lib';
import { PhiMinimumNecessary } from '../../../policies/rules/PhiMinimumNecessary';
import { phiBucket } from './phi-fixtures';
import { cfn, newStack, TestType, validateStack } from './utils';

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
