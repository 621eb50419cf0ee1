import { vpnBypass } from '../rules/vpn-bypass';
import { eventsOnlyCheckHandler } from './event-check';

export const handler = eventsOnlyCheckHandler(vpnBypass);
