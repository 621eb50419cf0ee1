import { z } from 'zod';
import { isoDate } from '../../lib/config/schema';
import { incidentsSchema } from './incidents';
import { watchListSchema } from './watch-list';

/**
 * The register of dated evidence (CONTRACT §6): what a compliance officer records by hand, one
 * schema per section so each is judged on its own (a malformed section errs only the checklist
 * items that read it). Adding a section is one entry here. Every section is optional, because a
 * missing one is a checklist `fail` ("no evidence"), not invalid input. Objects are strict only
 * so unknown fields can be found and listed as warnings; they never make a section invalid.
 */

const personId = z.string().min(1);

export const REGISTER_SECTIONS = {
  riskAnalysis: z.strictObject({ completedOn: isoDate }),
  breachResponseTest: z.strictObject({ testedOn: isoDate }),
  stateRules: z.record(z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter state code'), z.strictObject({ reviewedOn: isoDate })),
  accessReviews: z.array(z.strictObject({ reviewedOn: isoDate, reviewer: personId })),
  logReviews: z.array(
    z.strictObject({
      reviewedOn: isoDate,
      reviewer: personId,
      recordsSampled: z.number().int().min(0),
      anomalies: z.number().int().min(0),
      actions: z.string(),
    }),
  ),
  training: z.array(z.strictObject({ personId, completedOn: isoDate })),
  devices: z.array(z.strictObject({ personId, deviceId: z.string().min(1), encrypted: z.boolean(), vpnVerifiedOn: isoDate })),
  baas: z.array(z.strictObject({ vendor: z.string().min(1), signedOn: isoDate, reviewedOn: isoDate.optional() })),
  watchList: watchListSchema,
  incidents: incidentsSchema,
} as const;

export type RegisterSection = keyof typeof REGISTER_SECTIONS;
export const REGISTER_SECTION_NAMES = Object.keys(REGISTER_SECTIONS) as RegisterSection[];

/** The register as the checklist reads it: each valid section, unknown fields removed. */
export type Register = { readonly [K in RegisterSection]?: z.infer<(typeof REGISTER_SECTIONS)[K]> };

/** The whole register, strict: for a tool that rewrites the file and wants it exactly as defined. */
export const registerSchema = z.strictObject(
  Object.fromEntries(REGISTER_SECTION_NAMES.map((k) => [k, REGISTER_SECTIONS[k].optional()])) as { [K in RegisterSection]: z.ZodOptional<(typeof REGISTER_SECTIONS)[K]> },
);
