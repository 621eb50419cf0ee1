import { z } from 'zod';
import { isoDate } from '../../lib/config/schema';
import { incidentsSchema } from './incidents';
import { watchListSchema } from './watch-list';

/**
 * The register of dated evidence (CONTRACT §6): what a compliance officer records by hand.
 * Every section is optional here, because a missing section is a checklist `fail` ("no
 * evidence"), not invalid input; a malformed entry is `error` with its field path.
 */

const personId = z.string().min(1);

export const registerSchema = z.strictObject({
  riskAnalysis: z.strictObject({ completedOn: isoDate }).optional(),
  breachResponseTest: z.strictObject({ testedOn: isoDate }).optional(),
  stateRules: z.record(z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter state code'), z.strictObject({ reviewedOn: isoDate })).optional(),
  accessReviews: z.array(z.strictObject({ reviewedOn: isoDate, reviewer: personId })).optional(),
  logReviews: z
    .array(
      z.strictObject({
        reviewedOn: isoDate,
        reviewer: personId,
        recordsSampled: z.number().int().min(0),
        anomalies: z.number().int().min(0),
        actions: z.string(),
      }),
    )
    .optional(),
  training: z.array(z.strictObject({ personId, completedOn: isoDate })).optional(),
  devices: z
    .array(z.strictObject({ personId, deviceId: z.string().min(1), encrypted: z.boolean(), vpnVerifiedOn: isoDate }))
    .optional(),
  baas: z.array(z.strictObject({ vendor: z.string().min(1), signedOn: isoDate, reviewedOn: isoDate.optional() })).optional(),
  watchList: watchListSchema.optional(),
  incidents: incidentsSchema.optional(),
});

export type Register = z.infer<typeof registerSchema>;
