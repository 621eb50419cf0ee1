import { NO_VALUE } from '../../../../checks/rules/iam-evaluation/outcome';
import { requestContext } from '../../../../checks/rules/iam-evaluation/request-context';
import { resourceMatches } from '../../../../checks/rules/iam-evaluation/resource-match';

const ctx = requestContext({ 'aws:username': 'jdoe', 'aws:PrincipalAccount': '111122223333' });
const m = (pattern: string, resource: string) => resourceMatches(pattern, resource, ctx);

describe('Resource matching', () => {
  test('* is every resource', () => {
    expect(m('*', 'arn:aws:s3:::b/k')).toBe(true);
  });
  test('S3: the resource part is one string, * spanning /', () => {
    expect(m('arn:aws:s3:::phi/*', 'arn:aws:s3:::phi/cardiology/P1/a.pdf')).toBe(true);
    expect(m('arn:aws:s3:::phi/cardiology/*', 'arn:aws:s3:::phi/orthopedics/x')).toBe(false);
    expect(m('arn:aws:s3:::*/orthopedics/*', 'arn:aws:s3:::phi/orthopedics/x')).toBe(true);
    expect(m('arn:aws:s3:::phi', 'arn:aws:s3:::phi/x')).toBe(false);
    expect(m('arn:aws:s3:::phi/?ardiology/*', 'arn:aws:s3:::phi/cardiology/x')).toBe(true);
  });
  test('the resource part is case-sensitive; partition, service, region and account are matched part by part', () => {
    expect(m('arn:aws:s3:::PHI/*', 'arn:aws:s3:::phi/x')).toBe(false);
    expect(m('arn:aws:iam::*:role/*', 'arn:aws:iam::444455556666:role/x')).toBe(true);
    expect(m('arn:aws:ec2:us-east-?:111122223333:instance/*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1')).toBe(true);
    expect(m('arn:aws:ec2:us-east-?:111122223333:instance/*', 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1')).toBe(false);
    // A * in the account part never reaches into the resource part.
    expect(m('arn:aws:iam::*', 'arn:aws:iam::111122223333:user/x')).toEqual({ unsupported: expect.stringContaining('not a full ARN') });
    expect(m('arn:aws:iam::*:*', 'arn:aws:iam::111122223333:user/x')).toBe(true);
  });
  test('policy variables in any part', () => {
    expect(m('arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::111122223333:user/jdoe')).toBe(true);
    expect(m('arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::111122223333:user/rpatel')).toBe(false);
    expect(m('arn:aws:iam::${aws:PrincipalAccount}:role/*', 'arn:aws:iam::111122223333:role/x')).toBe(true);
    expect(m('arn:aws:iam::${aws:PrincipalAccount}:role/*', 'arn:aws:iam::444455556666:role/x')).toBe(false);
  });
  test('a wildcard or variable in the resource type, or a string that is no ARN, is unsupported', () => {
    expect(m('arn:aws:iam::*:*/x', 'arn:aws:iam::111122223333:user/x')).toEqual({ unsupported: expect.stringContaining('resource type') });
    expect(m('arn:aws:ec2:*:*:${aws:username}/x', 'arn:aws:ec2:us-east-1:1:instance/x')).toEqual({ unsupported: expect.stringContaining('resource type') });
    expect(m('bucket/*', 'arn:aws:s3:::bucket/x')).toEqual({ unsupported: expect.stringContaining('not a full ARN') });
  });
  test('a resource part with no type (an SQS queue name) may hold wildcards anywhere', () => {
    expect(m('arn:aws:sqs:us-east-1:111122223333:coding-*-dlq', 'arn:aws:sqs:us-east-1:111122223333:coding-claims-dlq')).toBe(true);
    expect(m('arn:aws:sqs:us-east-1:111122223333:coding-*-dlq', 'arn:aws:sqs:us-east-1:111122223333:coding-claims')).toBe(false);
  });
  test('partition, service and region ignore case', () => {
    expect(m('arn:AWS:EC2:US-East-1:111122223333:instance/*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1')).toBe(true);
  });
  test('a variable in a leading part with no value matches in neither sense; one the audit cannot know is unsupported', () => {
    const pattern = 'arn:aws:iam::${aws:PrincipalAccount}:role/*';
    expect(resourceMatches(pattern, 'arn:aws:iam::111122223333:role/x', requestContext({}))).toBe(NO_VALUE);
    expect(resourceMatches(pattern, 'arn:aws:iam::111122223333:role/x', requestContext({}, { knownKeys: new Set() }))).toEqual({
      unsupported: 'policy variable ${aws:PrincipalAccount}, whose value the audit does not know',
    });
  });
  test('only S3 buckets and objects (no region, no account) have no resource type: other S3 ARNs and other services with neither do', () => {
    // A Multi-Region Access Point: no region, but an account, and the type accesspoint/.
    expect(m('arn:aws:s3::111122223333:*/mfzwi23gnjvgw.mrap', 'arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap')).toEqual({ unsupported: expect.stringContaining('resource type') });
    expect(m('arn:aws:s3::111122223333:accesspoint/*', 'arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap')).toBe(true);
    // A region (even a wildcard one) makes it no bucket or object ARN: a wildcard before the first slash is not guessed at.
    expect(m('arn:aws:s3:*::*/cardiology/*', 'arn:aws:s3:::phi/cardiology/x')).toEqual({ unsupported: expect.stringContaining('resource type') });
    expect(m('arn:aws:s3:::*/cardiology/*', 'arn:aws:s3:::phi/cardiology/x')).toBe(true);
    // Route 53: neither region nor account, and the type hostedzone/.
    expect(m('arn:aws:route53:::*/Z1D633PJN98FT9', 'arn:aws:route53:::hostedzone/Z1D633PJN98FT9')).toEqual({ unsupported: expect.stringContaining('resource type') });
    expect(m('arn:aws:route53:::hostedzone/*', 'arn:aws:route53:::hostedzone/Z1D633PJN98FT9')).toBe(true);
  });
  test('a request resource that is no ARN matches no ARN pattern', () => {
    expect(m('arn:aws:s3:::*', 'not-an-arn')).toBe(false);
  });
});
