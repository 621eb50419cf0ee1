import { z } from 'zod';

/**
 * Register `watchList` (CONTRACT §6): records of known individuals (coworkers, family, public
 * figures) whose every access a supervisor reviews, and the workforce members linked to them.
 */
export const watchListEntrySchema = z.strictObject({
  patientId: z.string().regex(/^[^/]+$/, 'must be a patient id (the key segment after the specialty), without "/"'),
  reason: z.string().min(1),
  personIds: z.array(z.string().min(1)).default([]),
});
export const watchListSchema = z.array(watchListEntrySchema);
export type WatchListEntry = z.infer<typeof watchListEntrySchema>;
