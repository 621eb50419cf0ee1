import { accessAnomaly } from './access-anomaly';
import { auditIntegrity } from './audit-integrity';
import { authentication } from './authentication';
import type { CheckDefinition } from './context';
import { privilegeCreep } from './privilege-creep';
import { sharedCredentials } from './shared-credentials';
import { staleAccess } from './stale-access';
import { vpnBypass } from './vpn-bypass';

/** The checks of CONTRACT §5, in report order (the catalog's). */
export const ALL_CHECKS: readonly CheckDefinition[] = [
  staleAccess,
  sharedCredentials,
  privilegeCreep,
  vpnBypass,
  accessAnomaly,
  authentication,
  auditIntegrity,
];
