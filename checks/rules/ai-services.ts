import type { AiService } from '../../lib/config/schema';
import type { AuditEvent } from '../model/events';

/** An AI call as ai-use judges it: which service, and for a Bedrock model call the model and its provider. */
export interface AiCall {
  readonly service: AiService;
  /** Set for Bedrock model calls (`requestParameters.modelId`). */
  readonly modelId?: string;
  /** The model's provider (`anthropic`, `amazon`, `meta`...); `unknown` when the id names no provider (a provisioned or custom model ARN). */
  readonly provider?: string;
}

const BEDROCK_MODEL_CALLS = new Set(['InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream', 'StartAsyncInvoke', 'InvokeModelWithBidirectionalStream']);
const BEDROCK_AGENT_CALLS = new Set(['InvokeAgent', 'InvokeInlineAgent', 'Retrieve', 'RetrieveAndGenerate', 'InvokeFlow']);
const TRANSCRIBE_MEDICAL_CALLS = new Set(['StartMedicalScribeJob', 'StartMedicalScribeStream', 'StartMedicalTranscriptionJob', 'StartMedicalStreamTranscription']);

/** Cross-region inference profile ids start with a geography (`us.anthropic.claude-...`). */
const GEOGRAPHIES = new Set(['us', 'us-gov', 'eu', 'apac', 'global', 'ca', 'jp', 'au']);

/** The AI service an event calls (CONTRACT §5 ai-use's exact list), or undefined. */
export function aiCall(e: AuditEvent): AiCall | undefined {
  switch (e.eventSource) {
    case 'bedrock.amazonaws.com':
      if (!BEDROCK_MODEL_CALLS.has(e.eventName)) return undefined;
      return { service: 'bedrock', modelId: e.modelId, provider: e.modelId === undefined ? 'unknown' : modelProvider(e.modelId) };
    case 'bedrock-agent-runtime.amazonaws.com':
      return BEDROCK_AGENT_CALLS.has(e.eventName) ? { service: 'bedrock' } : undefined;
    case 'comprehendmedical.amazonaws.com':
      return { service: 'comprehend-medical' };
    case 'transcribe.amazonaws.com':
      return TRANSCRIBE_MEDICAL_CALLS.has(e.eventName) ? { service: 'transcribe-medical' } : undefined;
  }
  return undefined;
}

/** Turning off Bedrock's model-invocation logging: the prompts (PHI) are no longer recorded. */
export function disablesAiLogging(e: AuditEvent): boolean {
  return e.eventSource === 'bedrock.amazonaws.com' && e.eventName === 'DeleteModelInvocationLoggingConfiguration';
}

/**
 * A model id's provider: the first dot-separated part after an optional geography prefix; for an
 * ARN, of the part after `foundation-model/` or `inference-profile/` (whose id may itself carry
 * a geography). Other ARNs (provisioned, custom, application profiles) name no provider.
 */
export function modelProvider(modelId: string): string {
  let id = modelId.trim().toLowerCase();
  if (id.startsWith('arn:')) {
    // The resource: what follows the ARN's fifth colon (a model id has colons of its own).
    const fields = id.split(':');
    // Stryker disable next-line StringLiteral: the provider, the only part read, comes before the id's first dot, and no provider name has a colon: any separator gives the same provider.
    const resource = fields.slice(5).join(':');
    // Stryker disable next-line Regex: (.+) runs to the end of the trimmed id, and the one other resource type ending in either name (application-inference-profile) has ids without a dot: neither anchor changes a provider.
    const match = /^(foundation-model|inference-profile)\/(.+)$/.exec(resource);
    if (match === null) return 'unknown';
    id = match[2];
  }
  const parts = id.split('.');
  // A geography alone leaves no part to name a provider: unknown either way.
  if (GEOGRAPHIES.has(parts[0])) parts.shift();
  return parts.length > 1 && parts[0] !== '' ? parts[0] : 'unknown';
}

/** How the services read in a finding. */
export const AI_SERVICE_NAMES: Record<AiService, string> = {
  bedrock: 'Amazon Bedrock',
  'comprehend-medical': 'Amazon Comprehend Medical',
  'transcribe-medical': 'AWS HealthScribe / Transcribe Medical',
};
