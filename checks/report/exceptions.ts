import type { CodingEnvConfig } from '../../lib/config/schema';
import { acknowledgementsFor } from '../../policies/acknowledgements';
import type { AcceptedException } from './auditor-schema';

/**
 * The accepted exceptions of the environment as deployed from `config` on `asOfDay`: every gate
 * acknowledgement (policies/acknowledgements.ts) with its compensating control, and its owner and
 * review date where the entry names them. The one place the report reads acknowledgements.
 */
export function acceptedExceptions(config: CodingEnvConfig, asOfDay: string): AcceptedException[] {
  return acknowledgementsFor(config, asOfDay).map((ack) => {
    // Owner and review date are optional fields of an entry (absent from older entries).
    const extra = ack as Readonly<Record<string, unknown>>;
    const owner = text(extra.owner);
    const reviewBy = text(extra.reviewBy) ?? text(extra.reviewOn) ?? text(extra.reviewDate);
    return {
      rule: ack.id,
      ...(ack.path !== undefined ? { path: ack.path } : {}),
      compensatingControl: ack.reason.replace(/^Compensating control:\s*/i, ''),
      ...(owner !== undefined ? { owner } : {}),
      ...(reviewBy !== undefined ? { reviewBy } : {}),
    };
  });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
