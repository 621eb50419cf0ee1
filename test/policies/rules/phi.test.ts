import { bucketArnSpellings, bucketRef, isPhiBucket, namesBucket, PHI_TAG, phiBucketsInStack } from '../../../policies/rules/phi';
import { cfn, newStack } from './utils';

const PHI_TAGS = [{ Key: 'data-classification', Value: 'phi' }];

describe('phi: the bucket that holds charts', () => {
  test('PHI_TAG is the CONTRACT §2 tag', () => {
    expect(PHI_TAG).toEqual({ key: 'data-classification', value: 'phi' });
  });

  test('isPhiBucket: an S3 bucket tagged data-classification=phi, nothing else', () => {
    const stack = newStack();
    expect(isPhiBucket(cfn(stack, 'Phi', 'AWS::S3::Bucket', { Tags: PHI_TAGS }))).toBe(true);
    expect(isPhiBucket(cfn(stack, 'Other', 'AWS::S3::Bucket', { Tags: [{ Key: 'data-classification', Value: 'internal' }] }))).toBe(false);
    expect(isPhiBucket(cfn(stack, 'Untagged', 'AWS::S3::Bucket'))).toBe(false);
    expect(isPhiBucket(cfn(stack, 'Table', 'AWS::DynamoDB::Table', { Tags: PHI_TAGS }))).toBe(false);
  });

  test('bucketRef: logical id and the literal name, if any', () => {
    const stack = newStack();
    expect(bucketRef(cfn(stack, 'Named', 'AWS::S3::Bucket', { BucketName: 'charts' }))).toEqual({ logicalId: 'Named', name: 'charts' });
    expect(bucketRef(cfn(stack, 'Token', 'AWS::S3::Bucket', { BucketName: { Ref: 'Name' } }))).toEqual({ logicalId: 'Token', name: undefined });
  });

  test('phiBucketsInStack lists the tagged buckets only', () => {
    const stack = newStack();
    const phi = cfn(stack, 'Phi', 'AWS::S3::Bucket', { Tags: PHI_TAGS, BucketName: 'charts' });
    cfn(stack, 'Logs', 'AWS::S3::Bucket');
    expect(phiBucketsInStack(phi)).toEqual([{ logicalId: 'Phi', name: 'charts' }]);
  });

  test('bucketArnSpellings: GetAtt, and ARNs from Ref and literal name in every partition', () => {
    expect(bucketArnSpellings({ logicalId: 'Phi', name: 'charts' })).toEqual([
      '<Phi.Arn>',
      'arn:aws:s3:::<Phi>',
      'arn:aws-us-gov:s3:::<Phi>',
      'arn:<AWS::Partition>:s3:::<Phi>',
      'arn:aws:s3:::charts',
      'arn:aws-us-gov:s3:::charts',
      'arn:<AWS::Partition>:s3:::charts',
    ]);
    expect(bucketArnSpellings({ logicalId: 'Phi' })).toEqual(['<Phi.Arn>', 'arn:aws:s3:::<Phi>', 'arn:aws-us-gov:s3:::<Phi>', 'arn:<AWS::Partition>:s3:::<Phi>']);
  });

  test('namesBucket: a Ref to it or its literal name', () => {
    expect(namesBucket({ Ref: 'Phi' }, { logicalId: 'Phi', name: 'charts' })).toBe(true);
    expect(namesBucket('charts', { logicalId: 'Phi', name: 'charts' })).toBe(true);
    expect(namesBucket('other', { logicalId: 'Phi', name: 'charts' })).toBe(false);
    expect(namesBucket({ Ref: 'Other' }, { logicalId: 'Phi', name: 'charts' })).toBe(false);
    // No literal name: a string never names it, not even the one flatten would give an undefined name.
    expect(namesBucket('charts', { logicalId: 'Phi' })).toBe(false);
    expect(namesBucket(undefined, { logicalId: 'Phi' })).toBe(false);
  });
});
