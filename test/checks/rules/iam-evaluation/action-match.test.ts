import { actionMatches } from '../../../../checks/rules/iam-evaluation/action-match';

describe('Action matching', () => {
  test('* covers every action', () => {
    expect(actionMatches('*', 'iam:PassRole')).toBe(true);
  });
  test('service prefix and action name compare case-insensitively, the name with * and ?', () => {
    expect(actionMatches('S3:getobj?ct', 's3:GetObject')).toBe(true);
    expect(actionMatches('iam:*LoginProfile', 'iam:UpdateLoginProfile')).toBe(true);
    expect(actionMatches('s3:*', 's3:ListBucket')).toBe(true);
    expect(actionMatches('s3:Get*', 's3:PutObject')).toBe(false);
  });
  test('another service never matches, even when the name would', () => {
    expect(actionMatches('s3:*', 's3express:CreateSession')).toBe(false);
    expect(actionMatches('iam:PassRole', 'sts:PassRole')).toBe(false);
  });
  test('an entry IAM refuses is unsupported, not a guess', () => {
    expect(actionMatches('s*:GetObject', 's3:GetObject')).toEqual({ unsupported: expect.stringContaining('wildcard in the service prefix') });
    expect(actionMatches('GetObject', 's3:GetObject')).toEqual({ unsupported: expect.stringContaining('not service:action') });
    expect(actionMatches('s3:', 's3:GetObject')).toEqual({ unsupported: expect.stringContaining('not service:action') });
  });
  test('a requested action with no service prefix matches no service:action pattern', () => {
    expect(actionMatches('s3:*', 's3x')).toBe(false);
    expect(actionMatches('s3:*', 'GetObject')).toBe(false);
  });
});
