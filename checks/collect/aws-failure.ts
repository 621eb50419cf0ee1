import { PaginationError } from './paginate';
import { THROTTLED } from './throttle';

/**
 * Why a live read failed, in words an officer can act on, from the error's code. AWS's own
 * message is left out for the errors we know (it names the caller's ARN and the key's ARN, and
 * the code says what matters); for others it is kept, cut short, as the only clue.
 */
export function describeAwsFailure(err: unknown): string {
  if (err instanceof PaginationError) return err.message;
  const { name, message = '' } = err as { name?: string; message?: string };
  const code = errorCode(err);
  if (code.startsWith('KMS.') || (isAccessDenied(code) && /\bkms:/i.test(message))) return `the KMS key refused to decrypt it (${code}): the audit role needs kms:Decrypt on the trail's key`;
  if (code === 'CredentialsProviderError') return 'no AWS credentials were found (CredentialsProviderError): set AWS_PROFILE or the standard AWS environment';
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException' || code === 'InvalidAccessKeyId' || code === 'InvalidClientTokenId') return `the AWS credentials were refused (${code}): renew them and run again`;
  if (isAccessDenied(code)) {
    const action = /perform:\s*([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
    return `access denied (${code})${action ? `: not authorized to perform ${action}` : ': the audit role lacks read permission'}`;
  }
  if (code === 'NoSuchKey' || code === 'NotFound') return `the object no longer exists (${code}): deleted or expired after it was listed`;
  if (code === 'NoSuchBucket') return 'the bucket does not exist (NoSuchBucket)';
  if (code === 'InvalidObjectState') return 'the object is archived (InvalidObjectState): restore it from its archive storage class first';
  if (THROTTLED.has(code)) return `throttled by AWS (${code}) past every retry`;
  if (isConnectionFault(err)) return `the connection failed (${code}) on every attempt`;
  if (name === 'TruncatedBody') return message;
  return code === 'Error' ? oneLine(message) : `${code}: ${oneLine(message)}`;
}

/** Errors worth another attempt at the whole object: the SDK retried the call; a body cut off mid-stream it does not. */
export function isTransient(err: unknown): boolean {
  const code = errorCode(err);
  return THROTTLED.has(code) || isConnectionFault(err) || code === 'InternalError' || code === 'ServiceUnavailable' || code === 'TruncatedBody';
}

const CONNECTION = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ERR_STREAM_PREMATURE_CLOSE', 'TimeoutError', 'RequestTimeout']);

function isConnectionFault(err: unknown): boolean {
  // Stryker disable next-line StringLiteral: any default without the fault words reads alike, and a missing message matches none of them
  const { message = '' } = err as { message?: string };
  return CONNECTION.has(errorCode(err)) || /socket hang up|aborted|premature close/i.test(message);
}

function isAccessDenied(code: string): boolean {
  return code === 'AccessDenied' || code === 'AccessDeniedException' || code === 'Forbidden' || code === 'UnauthorizedOperation';
}

/** The SDK's error name (`AccessDenied`), else a Node system code (`ECONNRESET`). */
function errorCode(err: unknown): string {
  const { name, code } = err as { name?: string; code?: string };
  if (typeof code === 'string' && code !== '' && (name === undefined || name === 'Error')) return code;
  return name || 'Error';
}

function oneLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line || 'no message';
}
