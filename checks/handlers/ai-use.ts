import { aiUse } from '../rules/ai-use';
import { relevantEvents } from '../rules/relevance';
import { bundledConfig } from './bundled-config';
import { runCheckFunction } from './check-run';
import { deployedTrailEvents, eventSources } from './event-check';
import { deployedRegister } from './records-source';

const sources = eventSources();

export const handler = (event: unknown) =>
  runCheckFunction(aiUse, event, bundledConfig(), async (window, inputs) => ({
    register: await deployedRegister(sources.s3, inputs),
    events: await deployedTrailEvents(sources, window, inputs, relevantEvents(bundledConfig())),
  }));
