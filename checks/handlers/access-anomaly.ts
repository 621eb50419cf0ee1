import { accessAnomaly } from '../rules/access-anomaly';
import { eventsOnlyCheckHandler } from './event-check';

export const handler = eventsOnlyCheckHandler(accessAnomaly);
