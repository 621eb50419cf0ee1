import { auditIntegrity } from '../rules/audit-integrity';
import { eventsOnlyCheckHandler } from './event-check';

export const handler = eventsOnlyCheckHandler(auditIntegrity);
