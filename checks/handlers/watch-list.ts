import { relevantEvents } from '../rules/relevance';
import { watchList } from '../rules/watch-list';
import { bundledConfig } from './bundled-config';
import { runCheckFunction } from './check-run';
import { deployedTrailEvents, eventSources } from './event-check';
import { deployedRegister } from './records-source';

const sources = eventSources();

/** The watch list first: it decides which PHI data events are kept while reading the trail. */
export const handler = (event: unknown) =>
  runCheckFunction(watchList, event, bundledConfig(), async (window, inputs) => {
    const register = await deployedRegister(sources.s3, inputs);
    // Stryker disable next-line ArrayDeclaration: an entry that is not an entry names no patient id, so it watches no one, as the empty list does (watchedAccess)
    const watched = register.ok ? (register.value.watchList ?? []) : [];
    return { register, events: await deployedTrailEvents(sources, window, inputs, relevantEvents(bundledConfig(), watched)) };
  });
