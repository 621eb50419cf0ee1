import { z } from 'zod';

/**
 * One read or write of a PHI object (an S3 data event on the PHI bucket), as the weekly log
 * review sees it. The evidence loaders derive these from CloudTrail data events.
 */
export const phiAccessSchema = z.strictObject({
  /** CloudTrail `eventID`. */
  eventId: z.string().min(1),
  /** ISO instant of the event. */
  time: z.iso.datetime({ offset: true, error: 'must be an ISO date-time, e.g. 2026-11-18T15:20:04Z' }),
  /** The IAM user name. */
  principal: z.string().min(1),
  bucket: z.string().min(1),
  /** Object key, `<specialty>/<patient-id>/...`: PHI, shown only to the reviewer. */
  key: z.string(),
  /** S3 operation, e.g. `GetObject`. */
  action: z.string().min(1),
  sourceIp: z.string(),
  /** The specialty the key belongs to, when known. */
  specialty: z.string().optional(),
  /** Whether S3 allowed the call (no error code) or refused it (e.g. AccessDenied). */
  outcome: z.enum(['allowed', 'denied']).optional(),
});

export type PhiAccess = z.infer<typeof phiAccessSchema>;
