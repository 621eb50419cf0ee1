import type { CodingEnvConfig } from '../../lib/config/schema';
import { investigationFilter, type InvestigationRange, type Subject } from '../investigate/select';
import type { AuditEvent } from '../model/events';
import type { WatchListEntry } from '../register/watch-list';
import { relevantEvents } from '../rules/relevance';

/**
 * Which events to keep, as plain data rather than a function, so that the parsing workers
 * (parse-pool.ts) build the very predicate the main thread would: the audit's (every event a
 * rule may read) or an investigation's (the subject's PHI data events in the range).
 */
export type EventFilterSpec =
  | { readonly kind: 'audit'; readonly config: CodingEnvConfig; readonly watchList: readonly WatchListEntry[] }
  | { readonly kind: 'investigation'; readonly config: CodingEnvConfig; readonly subject: Subject; readonly range: InvestigationRange };

export function eventFilter(spec: EventFilterSpec): (e: AuditEvent) => boolean {
  return spec.kind === 'audit' ? relevantEvents(spec.config, spec.watchList) : investigationFilter(spec.config, spec.subject, spec.range);
}
