import { describeAwsFailure, isTransient } from '../../../checks/collect/aws-failure';
import { PaginationError } from '../../../checks/collect/paginate';
import { FAULTS } from './aws-faults';

const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });

describe('describeAwsFailure', () => {
  test.each([
    [FAULTS.denied('iam:GetCredentialReport'), 'access denied (AccessDenied): not authorized to perform iam:GetCredentialReport'],
    [named('AccessDeniedException', 'no'), 'access denied (AccessDeniedException): the audit role lacks read permission'],
    [FAULTS.kmsDenied(), "the KMS key refused to decrypt it (AccessDenied): the audit role needs kms:Decrypt on the trail's key"],
    [named('ExpiredToken', 'The provided token has expired.'), 'the AWS credentials were refused (ExpiredToken): renew them and run again'],
    [named('CredentialsProviderError', 'Could not load credentials from any providers'), 'no AWS credentials were found (CredentialsProviderError): set AWS_PROFILE or the standard AWS environment'],
    [named('NoSuchBucket'), 'the bucket does not exist (NoSuchBucket)'],
    [FAULTS.reset(), 'the connection failed (ECONNRESET) on every attempt'],
    [named('TimeoutError', 'the request socket timed out after 60000 ms of inactivity'), 'the connection failed (TimeoutError) on every attempt'],
    [new PaginationError('List: repeated'), 'List: repeated'],
    [new Error('plain words'), 'plain words'],
  ])('%s', (err, words) => {
    expect(describeAwsFailure(err)).toBe(words);
    expect(describeAwsFailure(err)).not.toMatch(/arn:aws|assumed-role/);
  });
});

describe('isTransient', () => {
  test('resets, timeouts, throttling and short bodies are retried; denials, missing objects and skew are not', () => {
    for (const err of [FAULTS.reset(), FAULTS.slowDown(), named('TimeoutError'), named('InternalError'), named('TruncatedBody')]) expect(isTransient(err)).toBe(true);
    for (const err of [FAULTS.denied(), FAULTS.kmsDenied(), FAULTS.noSuchKey(), named('RequestTimeTooSkewed'), named('ExpiredToken')]) expect(isTransient(err)).toBe(false);
  });
});
