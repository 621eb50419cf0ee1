import { accessAnomaly } from './access-anomaly';
import type { CheckDefinition } from './context';
import { privilegeCreep } from './privilege-creep';
import { sharedCredentials } from './shared-credentials';
import { staleAccess } from './stale-access';
import { vpnBypass } from './vpn-bypass';

/** The five checks of CONTRACT §5, in report order. */
export const ALL_CHECKS: readonly CheckDefinition[] = [staleAccess, sharedCredentials, privilegeCreep, vpnBypass, accessAnomaly];
