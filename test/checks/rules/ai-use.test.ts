import type { CodingEnvConfig, Vendor } from '../../../lib/config/schema';
import { aiUse } from '../../../checks/rules/ai-use';
import { aiCall, modelProvider } from '../../../checks/rules/ai-services';
import type { Register } from '../../../checks/register/schema';
import { config, event, rules, run } from '../helpers';

const acme = (over: Partial<Vendor> = {}): Vendor => ({ name: 'AcmeAI', kind: 'ai', touchesPhi: true, awsAccountIds: [], awsServices: ['bedrock'], modelProviders: ['anthropic'], ...over });
const withVendors = (...vendors: Vendor[]): CodingEnvConfig => ({ ...config(), vendors });
const signed: Register = { baas: [{ vendor: 'AcmeAI', signedOn: '2025-01-10', reviewedOn: '2026-01-05' }] };
const invoke = (modelId: string, over = {}) => event({ time: '2026-11-10T15:00:00Z', eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', modelId, ...over });

describe('modelProvider', () => {
  test.each([
    ['anthropic.claude-3-sonnet-20240229-v1:0', 'anthropic'],
    ['us.anthropic.claude-3-5-sonnet-20240620-v1:0', 'anthropic'],
    ['eu.meta.llama3-2-3b-instruct-v1:0', 'meta'],
    ['apac.amazon.nova-pro-v1:0', 'amazon'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic'],
    ['arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-70b-instruct-v1:0', 'meta'],
    ['arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.meta.llama3-2-90b-instruct-v1:0', 'meta'],
    ['arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6', 'unknown'],
    ['arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abc123', 'unknown'],
    ['my-custom-model', 'unknown'],
    ['us.', 'unknown'],
    ['.titan', 'unknown'],
  ])('%s -> %s', (id, provider) => expect(modelProvider(id)).toBe(provider));
});

describe('ai-service-without-baa', () => {
  test('a covered call (kind ai, PHI, current BAA, service and provider listed) is not flagged', () => {
    expect(run(aiUse, { events: [invoke('us.anthropic.claude-3-5-sonnet-20240620-v1:0')], register: signed }, withVendors(acme()))).toEqual([]);
  });

  test('empty modelProviders covers every provider', () => {
    expect(run(aiUse, { events: [invoke('meta.llama3-70b-instruct-v1:0')], register: signed }, withVendors(acme({ modelProviders: [] })))).toEqual([]);
  });

  test('another provider than the BAA lists is flagged, with the provider and the reason', () => {
    const [f] = run(aiUse, { events: [invoke('eu.meta.llama3-2-3b-instruct-v1:0'), invoke('meta.llama3-70b-instruct-v1:0')], register: signed }, withVendors(acme()));
    expect(f).toMatchObject({ rule: 'ai-service-without-baa', principal: 'jdoe', severity: 'high', evidence: { service: 'bedrock', provider: 'meta', count: 2 } });
    expect(f.evidence.notCoveredBecause).toEqual(['AcmeAI: its BAA covers the model providers anthropic, not meta']);
  });

  test('an inference-profile ARN whose id carries a geography is judged by its provider', () => {
    const arn = 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0';
    expect(run(aiUse, { events: [invoke(arn)], register: signed }, withVendors(acme()))).toEqual([]);
    expect(rules(run(aiUse, { events: [invoke(arn)], register: signed }, withVendors(acme({ modelProviders: ['amazon'] }))))).toEqual(['ai-service-without-baa:jdoe']);
  });

  test('one finding per principal, service and provider; Converse counts as a model call', () => {
    const events = [
      invoke('anthropic.claude-v2'),
      invoke('amazon.titan-text-express-v1', { eventName: 'Converse' }),
      invoke('amazon.titan-text-express-v1', { userName: 'rpatel' }),
      event({ time: '2026-11-10T16:00:00Z', eventSource: 'comprehendmedical.amazonaws.com', eventName: 'DetectEntitiesV2' }),
    ];
    const found = run(aiUse, { events, register: signed }, withVendors(acme()));
    expect(found.map((f) => `${f.principal}:${f.evidence.service}:${f.evidence.provider ?? '-'}`)).toEqual(['jdoe:bedrock:amazon', 'rpatel:bedrock:amazon', 'jdoe:comprehend-medical:-']);
  });

  test('the reason names every provider the BAA covers', () => {
    const [f] = run(aiUse, { events: [invoke('meta.llama3-70b-instruct-v1:0')], register: signed }, withVendors(acme({ modelProviders: ['anthropic', 'amazon', 'cohere'] })));
    expect(f.evidence.notCoveredBecause).toEqual(['AcmeAI: its BAA covers the model providers anthropic, amazon, cohere, not meta']);
  });

  test('another identity type carrying a person\'s name is not their IAM user', () => {
    // CloudTrail writes userName for some other types too (Directory, Unknown, the root account's alias).
    const events = ['Directory', 'Unknown', 'Root'].map((identityType) => invoke('meta.llama3', { identityType, userName: 'jdoe' }));
    expect(run(aiUse, { events, register: signed }, withVendors(acme()))).toEqual([]);
  });

  test('a denied call, a CloudFormation-made call, a role and an unknown user are not flagged', () => {
    const events = [
      invoke('meta.llama3', { success: false }),
      invoke('meta.llama3', { invokedBy: 'cloudformation.amazonaws.com' }),
      invoke('meta.llama3', { identityType: 'AssumedRole', userName: undefined }),
      invoke('meta.llama3', { userName: 'stranger' }),
    ];
    expect(run(aiUse, { events, register: signed }, withVendors(acme()))).toEqual([]);
  });

  test('not listed in awsServices, not touching PHI, no BAA or a stale BAA: flagged', () => {
    const scribe = event({ time: '2026-11-10T15:00:00Z', eventSource: 'transcribe.amazonaws.com', eventName: 'StartMedicalScribeJob' });
    expect(run(aiUse, { events: [scribe], register: signed }, withVendors(acme()))[0].evidence.notCoveredBecause).toEqual(['AcmeAI: its BAA does not list transcribe-medical in awsServices']);
    expect(run(aiUse, { events: [scribe], register: signed }, withVendors(acme({ awsServices: ['transcribe-medical'] })))).toEqual([]);
    expect(run(aiUse, { events: [scribe], register: signed }, withVendors(acme({ awsServices: ['transcribe-medical'], touchesPhi: false })))[0].evidence.notCoveredBecause).toEqual(['AcmeAI: is not declared as touching PHI']);
    expect(run(aiUse, { events: [scribe], register: {} }, withVendors(acme({ awsServices: ['transcribe-medical'] })))[0].evidence.notCoveredBecause).toEqual(['AcmeAI: no BAA signed on or before 2026-11-20 on record']);
    const stale: Register = { baas: [{ vendor: 'AcmeAI', signedOn: '2024-01-10', reviewedOn: '2025-11-19' }] };
    expect(run(aiUse, { events: [scribe], register: stale }, withVendors(acme({ awsServices: ['transcribe-medical'] })))).toHaveLength(1);
    const justCurrent: Register = { baas: [{ vendor: 'AcmeAI', signedOn: '2024-01-10', reviewedOn: '2025-11-20' }] };
    expect(run(aiUse, { events: [scribe], register: justCurrent }, withVendors(acme({ awsServices: ['transcribe-medical'] })))).toEqual([]);
    expect(run(aiUse, { events: [scribe], register: signed }, withVendors(acme({ kind: 'coding', awsServices: ['transcribe-medical'] })))[0].evidence.notCoveredBecause).toEqual(['no vendor of kind "ai" is declared']);
  });

  test('only the listed events: non-medical Transcribe, Bedrock control-plane and agent build calls are not AI use', () => {
    const events = [
      event({ time: '2026-11-10T15:00:00Z', eventSource: 'transcribe.amazonaws.com', eventName: 'StartTranscriptionJob' }),
      event({ time: '2026-11-10T15:00:00Z', eventSource: 'bedrock.amazonaws.com', eventName: 'ListFoundationModels' }),
      event({ time: '2026-11-10T15:00:00Z', eventSource: 'bedrock-agent.amazonaws.com', eventName: 'CreateAgent' }),
    ];
    expect(run(aiUse, { events, register: {} }, withVendors())).toEqual([]);
    const agent = event({ time: '2026-11-10T15:00:00Z', eventSource: 'bedrock-agent-runtime.amazonaws.com', eventName: 'RetrieveAndGenerate' });
    expect(run(aiUse, { events: [agent], register: {} }, withVendors())[0].evidence).toMatchObject({ service: 'bedrock' });
  });
});

describe('ai-logging-disabled', () => {
  const del = (over = {}) => event({ time: '2026-11-12T15:00:00Z', eventSource: 'bedrock.amazonaws.com', eventName: 'DeleteModelInvocationLoggingConfiguration', ...over });

  test('a successful delete by a user or a role is high', () => {
    const role = del({ identityType: 'AssumedRole', userName: undefined, arn: 'arn:aws:sts::111122223333:assumed-role/ops/alice' });
    const found = run(aiUse, { events: [del(), role], register: signed });
    expect(found.map((f) => `${f.rule}:${f.principal}:${f.severity}`)).toEqual(['ai-logging-disabled:jdoe:high', 'ai-logging-disabled:arn:aws:sts::111122223333:assumed-role/ops/alice:high']);
  });

  test('a denied attempt and a CloudFormation deployment are not flagged', () => {
    expect(run(aiUse, { events: [del({ success: false }), del({ invokedBy: 'cloudformation.amazonaws.com' })], register: signed })).toEqual([]);
  });
});

describe('ai-use: the findings in full', () => {
  test('a service with no model provider: one call', () => {
    const call = event({ id: 'cm1', time: '2026-11-10T16:00:00Z', eventSource: 'comprehendmedical.amazonaws.com', eventName: 'DetectEntitiesV2' });
    expect(run(aiUse, { events: [call], register: signed }, withVendors(acme()))).toStrictEqual([
      {
        check: 'ai-use',
        rule: 'ai-service-without-baa',
        principal: 'jdoe',
        severity: 'high',
        summary: 'jdoe called Amazon Comprehend Medical 1 time (first 2026-11-10T16:00:00Z) with no BAA covering it: stop sending PHI there until a BAA lists comprehend-medical.',
        evidence: {
          service: 'comprehend-medical',
          count: 1,
          first: '2026-11-10T16:00:00Z',
          last: '2026-11-10T16:00:00Z',
          notCoveredBecause: ['AcmeAI: its BAA does not list comprehend-medical in awsServices'],
          events: [{ eventId: 'cm1', time: '2026-11-10T16:00:00Z', eventName: 'DetectEntitiesV2', eventSource: 'comprehendmedical.amazonaws.com', sourceIp: '198.51.100.3' }],
        },
      },
    ]);
  });
  test('a model provider the BAA does not list: several calls, the models named', () => {
    const [f] = run(aiUse, { events: [invoke('meta.llama3-70b-instruct-v1:0', { id: 'b1' }), invoke('meta.llama3-70b-instruct-v1:0', { id: 'b2', time: '2026-11-11T09:00:00Z' }), invoke('eu.meta.llama3-2-3b-instruct-v1:0', { id: 'b3', time: '2026-11-12T09:00:00Z' })], register: signed }, withVendors(acme()));
    expect(f.summary).toBe('jdoe called Amazon Bedrock (model provider meta) 3 times (first 2026-11-10T15:00:00Z) with no BAA covering it: stop sending PHI there until a BAA lists bedrock and meta.');
    expect(f.evidence).toMatchObject({ provider: 'meta', models: ['meta.llama3-70b-instruct-v1:0', 'eu.meta.llama3-2-3b-instruct-v1:0'], first: '2026-11-10T15:00:00Z', last: '2026-11-12T09:00:00Z' });
    expect(f.evidence.events).toStrictEqual([
      { eventId: 'b1', time: '2026-11-10T15:00:00Z', eventName: 'InvokeModel', eventSource: 'bedrock.amazonaws.com', sourceIp: '198.51.100.3', modelId: 'meta.llama3-70b-instruct-v1:0' },
      { eventId: 'b2', time: '2026-11-11T09:00:00Z', eventName: 'InvokeModel', eventSource: 'bedrock.amazonaws.com', sourceIp: '198.51.100.3', modelId: 'meta.llama3-70b-instruct-v1:0' },
      { eventId: 'b3', time: '2026-11-12T09:00:00Z', eventName: 'InvokeModel', eventSource: 'bedrock.amazonaws.com', sourceIp: '198.51.100.3', modelId: 'eu.meta.llama3-2-3b-instruct-v1:0' },
    ]);
  });
  test('ai-logging-disabled: once, and several times', () => {
    const del = (id: string, time: string) => event({ id, time, eventSource: 'bedrock.amazonaws.com', eventName: 'DeleteModelInvocationLoggingConfiguration' });
    expect(run(aiUse, { events: [del('d1', '2026-11-12T15:00:00Z')], register: signed })).toStrictEqual([
      {
        check: 'ai-use',
        rule: 'ai-logging-disabled',
        principal: 'jdoe',
        severity: 'high',
        summary: 'jdoe turned off Amazon Bedrock model-invocation logging (2026-11-12T15:00:00Z): prompts and responses with PHI are no longer recorded; turn it back on and ask why.',
        evidence: { count: 1, first: '2026-11-12T15:00:00Z', events: [{ eventId: 'd1', time: '2026-11-12T15:00:00Z', eventName: 'DeleteModelInvocationLoggingConfiguration', eventSource: 'bedrock.amazonaws.com', sourceIp: '198.51.100.3' }] },
      },
    ]);
    const [twice] = run(aiUse, { events: [del('d1', '2026-11-12T15:00:00Z'), del('d2', '2026-11-13T15:00:00Z')], register: signed });
    expect(twice.summary).toBe('jdoe turned off Amazon Bedrock model-invocation logging (2026-11-12T15:00:00Z, 2 times): prompts and responses with PHI are no longer recorded; turn it back on and ask why.');
  });
});

describe('aiCall', () => {
  test('a Bedrock model call without a model id has an unknown provider', () => {
    expect(aiCall(event({ time: '2026-11-10T15:00:00Z', eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel' }))).toEqual({ service: 'bedrock', modelId: undefined, provider: 'unknown' });
  });
});
