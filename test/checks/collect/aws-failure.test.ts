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
    // A thrown value with neither name nor message, and an error whose name is empty.
    [{}, 'no message'],
    [Object.assign(new Error('empty name'), { name: '' }), 'empty name'],
    [named('WeirdError', ''), 'WeirdError: no message'],
    // A long first line is cut at 200 characters.
    [named('WeirdError', `${'y'.repeat(250)}\nsecond`), `WeirdError: ${'y'.repeat(200)}…`],
    [named('WeirdError', `  ${'y'.repeat(200)}  `), `WeirdError: ${'y'.repeat(200)}`],
    [named('TruncatedBody', 'the body was cut short: 1 of 2 bytes received'), 'the body was cut short: 1 of 2 bytes received'],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNABORTED' }), 'the connection failed (ECONNABORTED) on every attempt'],
    [named('InvalidObjectState'), 'the object is archived (InvalidObjectState): restore it from its archive storage class first'],
    [named('NotFound'), 'the object no longer exists (NotFound): deleted or expired after it was listed'],
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
