import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { bundledConfig } from './bundled-config';
import { eventSources } from './event-check';
import { integrityTarget, runAuditIntegrity } from './integrity-step';

const sources = eventSources();
const clients = { cloudTrail: new CloudTrailClient(SDK_OPTIONS), s3: sources.s3, cloudFormation: new CloudFormationClient(SDK_OPTIONS) };

export const handler = (event: unknown) => runAuditIntegrity(event, { config: bundledConfig(), sources, clients, target: integrityTarget(bundledConfig()) });
