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
    // Every code of refused credentials, STS's and the services'.
    [named('ExpiredTokenException', 'The security token included in the request is expired'), 'the AWS credentials were refused (ExpiredTokenException): renew them and run again'],
    [named('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'), 'the AWS credentials were refused (InvalidAccessKeyId): renew them and run again'],
    [named('InvalidClientTokenId', 'The security token included in the request is invalid.'), 'the AWS credentials were refused (InvalidClientTokenId): renew them and run again'],
    // Every code of a denial: S3's HEAD answers Forbidden, EC2 UnauthorizedOperation.
    [named('Forbidden', ''), 'access denied (Forbidden): the audit role lacks read permission'],
    [named('UnauthorizedOperation', 'You are not authorized to perform this operation.'), 'access denied (UnauthorizedOperation): the audit role lacks read permission'],
    // The action is found however the message spaces it.
    [named('AccessDenied', 'User: arn:aws:sts::111122223333:assumed-role/audit/session is not authorized to perform:s3:ListBucket on resource: "arn:aws:s3:::trail-bucket"'), 'access denied (AccessDenied): not authorized to perform s3:ListBucket'],
    [named('AccessDenied', 'User: arn:aws:sts::111122223333:assumed-role/audit/session is not authorized to perform:\n    s3:ListBucket on resource'), 'access denied (AccessDenied): not authorized to perform s3:ListBucket'],
    // A pagination failure is our own words, whole, however long the listing's name.
    [new PaginationError(`ListObjectsV2 s3://trail-bucket/${'p'.repeat(220)}: more than 5000 pages; stopped at the page cap, the listing is incomplete`), `ListObjectsV2 s3://trail-bucket/${'p'.repeat(220)}: more than 5000 pages; stopped at the page cap, the listing is incomplete`],
    // A Node system code counts when the error is a plain Error or names nothing; a named error keeps its name.
    [Object.assign(new Error('boom'), { code: '' }), 'boom'],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:443' }, 'the connection failed (ECONNREFUSED) on every attempt'],
    [Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }), 'the connection failed (AbortError) on every attempt'],
    [Object.assign(new Error('The specified bucket does not exist'), { name: 'NoSuchBucket', code: 'ENOTFOUND' }), 'the bucket does not exist (NoSuchBucket)'],
  ])('%s', (err, words) => {
    expect(describeAwsFailure(err)).toBe(words);
    expect(describeAwsFailure(err)).not.toMatch(/arn:aws|assumed-role/);
  });
});

describe('isTransient', () => {
  test('resets, timeouts, throttling and short bodies are retried; denials, missing objects and skew are not', () => {
    for (const err of [FAULTS.reset(), FAULTS.slowDown(), named('TimeoutError'), named('InternalError'), named('ServiceUnavailable'), named('TruncatedBody')]) expect(isTransient(err)).toBe(true);
    for (const err of [FAULTS.denied(), FAULTS.kmsDenied(), FAULTS.noSuchKey(), named('RequestTimeTooSkewed'), named('ExpiredToken')]) expect(isTransient(err)).toBe(false);
  });
});
