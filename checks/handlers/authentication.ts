import { IAMClient } from '@aws-sdk/client-iam';
import { collectCredentialReport } from '../collect/iam-evidence';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { relevantEvents } from '../rules/relevance';
import { authentication } from '../rules/authentication';
import { bundledConfig } from './bundled-config';
import { runCheckFunction } from './check-run';
import { deployedTrailEvents, eventSources } from './event-check';

const iam = new IAMClient(SDK_OPTIONS);
const sources = eventSources();

export const handler = (event: unknown) =>
  runCheckFunction(authentication, event, bundledConfig(), async (window, inputs) => ({
    credentialReport: await collectCredentialReport(iam, inputs),
    events: await deployedTrailEvents(sources, window, inputs, relevantEvents(bundledConfig())),
  }));
