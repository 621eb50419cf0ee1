import { aiCall, modelProvider } from '../../../checks/rules/ai-services';
import { event } from '../helpers';

// More of modelProvider and aiCall, as ai-use reads them, is tested with ai-use.
describe('modelProvider: how an id is read', () => {
  test('case and surrounding whitespace do not matter', () => {
    expect(modelProvider('  US.Anthropic.Claude-3-5-Sonnet-20240620-v1:0\n')).toBe('anthropic');
    expect(modelProvider(' arn:aws:bedrock:us-east-1::foundation-model/Meta.Llama3-70b-Instruct-v1:0 ')).toBe('meta');
  });
  test('a geography alone, or a geography and one part, names no provider', () => {
    expect(['us', 'eu.', 'apac.nova'].map(modelProvider)).toEqual(['unknown', 'unknown', 'unknown']);
  });
  test('a name that is not a geography is the provider, even when a geography follows it', () => {
    expect(['mistral.mistral-large-2402-v1:0', 'cohere.us.embed'].map(modelProvider)).toEqual(['mistral', 'cohere']);
  });
});

describe('aiCall: which sources are AI services', () => {
  const call = (eventSource: string, eventName: string) => aiCall(event({ time: '2026-11-10T15:00:00Z', eventSource, eventName }));
  test('each service by its source; any other source is none', () => {
    expect(call('comprehendmedical.amazonaws.com', 'DetectEntitiesV2')).toEqual({ service: 'comprehend-medical' });
    expect(call('transcribe.amazonaws.com', 'StartMedicalScribeJob')).toEqual({ service: 'transcribe-medical' });
    expect(call('bedrock-agent-runtime.amazonaws.com', 'InvokeAgent')).toEqual({ service: 'bedrock' });
    expect([call('s3.amazonaws.com', 'GetObject'), call('comprehend.amazonaws.com', 'DetectEntities'), call('sagemaker.amazonaws.com', 'InvokeEndpoint')]).toEqual([undefined, undefined, undefined]);
  });
});
