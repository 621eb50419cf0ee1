import { accessAnomaly } from './access-anomaly';
import { aiAttestation } from './ai-attestation';
import { aiUse } from './ai-use';
import { breachNotification } from './breach-notification';
import { auditIntegrity } from './audit-integrity';
import { authentication } from './authentication';
import type { CheckDefinition } from './context';
import { privilegeCreep } from './privilege-creep';
import { sharedCredentials } from './shared-credentials';
import { staleAccess } from './stale-access';
import { vpnBypass } from './vpn-bypass';
import { watchList } from './watch-list';

/** The checks of CONTRACT §5, in report order (the catalog's). One line per check. */
export const ALL_CHECKS: readonly CheckDefinition[] = [
  staleAccess,
  sharedCredentials,
  privilegeCreep,
  vpnBypass,
  accessAnomaly,
  authentication,
  auditIntegrity,
  aiUse,
  aiAttestation,
  watchList,
  breachNotification,
];
