import { z } from 'zod';

/**
 * Every acknowledged policy finding, in one reviewed file. An entry silences one rule id at one
 * construct path (and everything below it); its reason names the compensating control that
 * makes the finding acceptable. test/policies/acknowledgements.test.ts pins this list, so adding
 * an entry is a visible change in review.
 *
 * `id` is the rule id (`AwsSolutions-IAM5[Resource::...]`, `HIPAA.Coding-AutomaticLogoff`), or the
 * form synth prints after "Acknowledge with" (`HIPAA.Coding::HIPAA.Coding-AutomaticLogoff`); `path` is a construct path from the app root
 * (`CodingEnv/Identities/CodersCardiology`); without a path the acknowledgement covers the
 * whole app, which review should refuse for anything but a pack-wide false positive.
 */
export const acknowledgementSchema = z.strictObject({
  id: z
    .string()
    .regex(/^((AwsSolutions|HIPAA\.Security|HIPAA\.Coding)::)?(AwsSolutions|HIPAA\.Security|HIPAA\.Coding)-[A-Za-z0-9]+(\[.+\])?$/, 'must be a rule id of AwsSolutions, HIPAA.Security or HIPAA.Coding'),
  reason: z
    .string()
    .min(30, 'must explain the acknowledgement')
    .regex(/compensating control/i, 'must name the compensating control ("Compensating control: ...")'),
  path: z.string().min(1).optional(),
});

export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

// None yet: the environment's stack is merged separately; its findings are acknowledged here,
// one reviewed entry at a time.
export const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [];
