import { splitArn } from '../../../../checks/rules/iam-evaluation/arn';

describe('splitArn', () => {
  test('six parts; the resource part keeps its colons and slashes', () => {
    expect(splitArn('arn:aws:logs:us-east-1:111122223333:log-group:/coding/app:*')).toEqual({ partition: 'aws', service: 'logs', region: 'us-east-1', account: '111122223333', resource: 'log-group:/coding/app:*' });
    expect(splitArn('arn:aws:s3:::examplecoding-phi-records/cardiology/*')).toEqual({ partition: 'aws', service: 's3', region: '', account: '', resource: 'examplecoding-phi-records/cardiology/*' });
  });
  test('not an ARN: fewer than six parts, or another first part', () => {
    expect(splitArn('arn:aws:iam::111122223333')).toBeUndefined();
    expect(splitArn('urn:aws:iam::111122223333:user/jdoe')).toBeUndefined();
  });
  test('a colon inside a policy variable separates nothing, wherever it is in the variable', () => {
    expect(splitArn('arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}')).toEqual({ partition: 'aws', service: 'iam', region: '', account: '${aws:PrincipalAccount}', resource: 'user/${aws:username}' });
    expect(splitArn('arn:aws:iam::${x:}:role/r')).toEqual({ partition: 'aws', service: 'iam', region: '', account: '${x:}', resource: 'role/r' });
  });
  test('a } before a variable does not end it', () => {
    expect(splitArn('arn:aws:s3:::bucket/}${aws:username}/*')).toEqual({ partition: 'aws', service: 's3', region: '', account: '', resource: 'bucket/}${aws:username}/*' });
    expect(splitArn('arn:aws:iam::1}${a:b}:role/r')?.account).toBe('1}${a:b}');
  });
});
