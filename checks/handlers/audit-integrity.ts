import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CheckRunResult } from '../check-results';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { bundledConfig } from './bundled-config';
import { eventSources } from './event-check';
import { integrityTarget, runAuditIntegrity } from './integrity-step';

const sources = eventSources();
const clients = { cloudTrail: new CloudTrailClient(SDK_OPTIONS), s3: sources.s3, cloudFormation: new CloudFormationClient(SDK_OPTIONS) };

export const handler = async (event: unknown): Promise<CheckRunResult> => {
  let target;
  try {
    target = integrityTarget(bundledConfig());
  } catch (err) {
    // A function deployed without the stack's environment cannot know what to probe: error, not ok.
    return { check: 'audit-integrity', status: 'error', error: (err as Error).message, findings: [], inputs: [] };
  }
  return runAuditIntegrity(event, { config: bundledConfig(), sources, clients, target });
};
