import { Readable } from 'node:stream';

/**
 * The failures live AWS calls really produce, as the SDK surfaces them: service errors by
 * name (with AWS's message, which names the caller), and Node socket errors by code.
 */
const serviceError = (name: string, message: string, status: number) => Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });

export const FAULTS = {
  denied: (action = 's3:GetObject') => serviceError('AccessDenied', `User: arn:aws:sts::111122223333:assumed-role/audit/session is not authorized to perform: ${action} on resource: "arn:aws:s3:::trail-bucket/x" because no identity-based policy allows the ${action} action`, 403),
  // SSE-KMS object read without kms:Decrypt: S3 answers AccessDenied naming the KMS action.
  kmsDenied: () => serviceError('AccessDenied', 'User: arn:aws:sts::111122223333:assumed-role/audit/session is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/1234abcd because no identity-based policy allows the kms:Decrypt action', 403),
  kmsDisabled: () => serviceError('KMS.DisabledException', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd is disabled.', 400),
  noSuchKey: () => serviceError('NoSuchKey', 'The specified key does not exist.', 404),
  slowDown: () => serviceError('SlowDown', 'Please reduce your request rate.', 503),
  throttling: () => serviceError('ThrottlingException', 'Rate exceeded', 400),
  reset: () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' }),
} as const;

/** A body that sends its first `cut` bytes, then the connection resets. */
export function resettingBody(bytes: Buffer, cut = Math.floor(bytes.length / 2)): Readable {
  const body = new Readable({ read() {} });
  body.push(bytes.subarray(0, cut));
  setImmediate(() => body.destroy(FAULTS.reset()));
  return body;
}
