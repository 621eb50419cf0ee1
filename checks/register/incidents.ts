import { z } from 'zod';
import { isoDate } from '../../lib/config/schema';

/**
 * Register `incidents` (CONTRACT §6): breaches of unsecured PHI and the notices sent, from which
 * the breach-notification check computes every deadline (45 CFR 164.404-164.408, Fla. Stat. 501.171).
 */
const stateCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter state code');

export const incidentSchema = z.strictObject({
  id: z.string().min(1),
  discoveredOn: isoDate,
  individualsAffected: z.number().int().min(0),
  /** Affected residents per state. */
  residents: z.record(stateCode, z.number().int().min(0)).default({}),
  notified: z
    .strictObject({
      individuals: isoDate.optional(),
      hhs: isoDate.optional(),
      /** Prominent media outlets, per state. */
      media: z.record(stateCode, isoDate).default({}),
      /** State authorities (Florida: the Department of Legal Affairs), per state. */
      states: z.record(stateCode, isoDate).default({}),
    })
    .default({ media: {}, states: {} }),
});
export const incidentsSchema = z.array(incidentSchema);
export type Incident = z.infer<typeof incidentSchema>;
