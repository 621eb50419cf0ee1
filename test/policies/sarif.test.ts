import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { App, aws_ec2 as ec2, Stack } from 'aws-cdk-lib';
import type { GateFinding, GateResult } from '../../policies/findings';
import { applyGates } from '../../policies/gates';
import { codingRuleMetadata, COLLECT_FINDINGS_CONTEXT, lineOf, runGates } from '../../policies/run-gates';
import { baseRuleId, FINGERPRINT_KEY, fingerprintOf, helpUriOf, SARIF_SCHEMA, toSarif } from '../../policies/sarif';
import { sourceLocationOf } from '../../policies/source-location';

const ROOT = join(__dirname, '..', '..');

function splitTunnelFindings(): GateResult {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'sarif-')), context: COLLECT_FINDINGS_CONTEXT });
  const stack = new Stack(app, 'Env');
  new ec2.CfnClientVpnEndpoint(stack, 'Vpn', { // VPN_LINE: the line the SARIF must point at
    clientCidrBlock: '10.100.0.0/22',
    serverCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/server',
    authenticationOptions: [{ type: 'certificate-authentication', mutualAuthentication: { clientRootCertificateChainArn: 'arn:aws:acm:us-east-1:111122223333:certificate/root' } }],
    connectionLogOptions: { enabled: false },
    splitTunnel: true,
  });
  applyGates(app, []);
  return runGates(app, app.outdir, ROOT);
}

/** The official OASIS schema (draft-04; its only draft-04 keyword is the top-level `id`). */
function sarifValidator() {
  const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, $id: String(id) });
}

const finding = (over: Partial<GateFinding>): GateFinding => ({ pack: 'HIPAA.Coding', ruleId: 'HIPAA.Coding-AutomaticLogoff', level: 'error', message: 'm', constructPath: 'Env/Desk/Resource', problems: [], ...over });

describe('toSarif', () => {
  const result = splitTunnelFindings();
  const log = toSarif(result, codingRuleMetadata());
  const run = log.runs[0];
  const vpn = run.results.find((r) => r.ruleId === 'HIPAA.Coding-ClientVpnHardened');

  test('validates against the official SARIF 2.1.0 schema, with and without suppressions and failures', () => {
    const validate = sarifValidator();
    const acked = toSarif({ pluginFailures: [{ pack: 'AwsSolutions', error: 'boom' }], findings: [finding({ acknowledged: { reason: 'Compensating control: x.', at: 'Env/Desk' } })] }, codingRuleMetadata(), { docsBaseUri: 'https://github.com/acme/env/blob/0123abc/', toolVersion: '0.1.0' });
    for (const candidate of [log, acked]) {
      const ok = validate(candidate);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
    // The validator is not a rubber stamp: a result without a message is refused.
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { message?: unknown }[] }[] };
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);
  });

  test('is a SARIF 2.1.0 log naming the official schema', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(run.tool.driver.name).toBe('coding-env-gates');
    expect(run.invocations[0].executionSuccessful).toBe(true);
  });

  test('each result points at a rule of the driver, by id and index, with a fingerprint', () => {
    expect(run.results.length).toBeGreaterThan(0);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(new Set(run.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).size).toBe(run.results.length);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.help.text).not.toBe('');
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
      expect(rule.properties.tags).toContain('security');
    }
  });

  test('the fingerprint is the same in another run and differs for another construct or suffix', () => {
    const again = toSarif(splitTunnelFindings(), codingRuleMetadata()).runs[0].results.find((r) => r.ruleId === 'HIPAA.Coding-ClientVpnHardened');
    expect(again!.partialFingerprints).toEqual(vpn!.partialFingerprints);
    const fp = (f: GateFinding) => toSarif({ pluginFailures: [], findings: [f] }, []).runs[0].results[0].partialFingerprints[FINGERPRINT_KEY];
    expect(fp(finding({}))).not.toBe(fp(finding({ constructPath: 'Env/Other/Resource' })));
    expect(fp(finding({ ruleId: 'AwsSolutions-IAM5[Resource::*]' }))).not.toBe(fp(finding({ ruleId: 'AwsSolutions-IAM5[Resource::<Bucket.Arn>/*]' })));
  });

  test('our finding points at the source line that created the construct; the template is a related location', () => {
    expect(vpn).toBeDefined();
    expect(vpn!.level).toBe('error');
    expect(vpn!.message.text).toMatch(/^Env\/Vpn: .*SplitTunnel is true/);
    const line = readFileSync(__filename, 'utf8').split('\n').findIndex((l) => l.includes('// VPN_LINE')) + 1;
    expect(vpn!.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'test/policies/sarif.test.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: line, startColumn: expect.any(Number) } });
    expect(vpn!.locations[0].logicalLocations[0]).toEqual({ name: 'Vpn', fullyQualifiedName: 'Env/Vpn', kind: 'resource' });
    expect(vpn!.relatedLocations).toEqual([{ id: 1, physicalLocation: { artifactLocation: { uri: 'Env.template.json' }, region: { startLine: expect.any(Number) } }, message: { text: expect.stringContaining('Vpn') } }]);
    expect(vpn!.properties.fix).toMatch(/SplitTunnel false/);
    const rule = run.tool.driver.rules[vpn!.ruleIndex];
    expect(rule.name).toBe('ClientVpnHardened');
    expect(rule.properties.tags).toContain('45-CFR-164.312(e)(1)');
    expect(rule.properties['security-severity']).toBe('8.0');
    expect(rule.defaultConfiguration.level).toBe('error');
    expect(rule.helpUri).toBe('https://www.ecfr.gov/current/title-45/section-164.312#p-164.312(e)(1)');
  });

  test('helpUri: cdk-nag rules at cdk-nag, ours at docs/controls.md when the repository is known', () => {
    expect(helpUriOf('AwsSolutions-IAM5', [], {})).toBe('https://github.com/cdklabs/cdk-nag/blob/main/RULES.md#awssolutions');
    expect(helpUriOf('HIPAA.Security-S3BucketSSLRequestsOnly', [], {})).toBe('https://github.com/cdklabs/cdk-nag/blob/main/RULES.md#hipaa-security');
    expect(helpUriOf('HIPAA.Coding-ClientVpnHardened', ['164.312(e)(1)'], { docsBaseUri: 'https://github.com/acme/env/blob/abc/' })).toBe('https://github.com/acme/env/blob/abc/docs/controls.md#hipaacoding-clientvpnhardened');
    expect(helpUriOf('HIPAA.Coding-X', ['164.316'], {})).toBe('https://www.ecfr.gov/current/title-45/section-164.316');
    expect(helpUriOf('F0001', [], {})).toBeUndefined();
    // The anchor exists in docs/controls.md.
    expect(readFileSync(join(ROOT, 'docs', 'controls.md'), 'utf8')).toContain('### `HIPAA.Coding-ClientVpnHardened`');
  });

  test('warnings and notes are lower on the security-severity scale than errors', () => {
    const rules = toSarif({ pluginFailures: [], findings: [finding({ ruleId: 'A-W', level: 'warning' }), finding({ ruleId: 'A-N', level: 'note' })] }, []).runs[0].tool.driver.rules;
    expect(rules.map((r) => r.properties['security-severity'])).toEqual(['5.0', '2.0']);
  });

  test('an acknowledged finding is a suppressed result with its justification', () => {
    const r = toSarif({ pluginFailures: [], findings: [finding({ acknowledged: { reason: 'Compensating control: GPO screen lock at 15 minutes.', at: 'Env/Desk' } })] }, codingRuleMetadata()).runs[0].results[0];
    expect(r.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: expect.stringContaining('GPO screen lock') }]);
  });

  test('without a source location the template resource is the location', () => {
    const r = toSarif({ pluginFailures: [], findings: [finding({ location: { templatePath: 'cdk.out/Env.template.json', logicalId: 'Desk', line: 7 } })] }, []).runs[0].results[0];
    expect(r.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'cdk.out/Env.template.json' }, region: { startLine: 7 } });
    expect(r.relatedLocations).toBeUndefined();
  });

  test('a pack that failed to run makes the invocation unsuccessful', () => {
    const failed = toSarif({ findings: [], pluginFailures: [{ pack: 'AwsSolutions', error: 'boom' }] }, []);
    expect(failed.runs[0].invocations[0]).toEqual({ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'AwsSolutions: boom' } }] });
  });

  test('lineOf finds a resource in a pretty-printed template', () => {
    expect(lineOf('{\n "Resources": {\n  "Vpn": {\n   "Type": "x"\n  }\n }\n}', 'Vpn')).toBe(3);
  });
});

describe('sourceLocationOf', () => {
  test('takes the first project frame, skipping node_modules, Node internals and files outside the project', () => {
    const traces = ['new Thing (/proj/node_modules/aws-cdk-lib/x.js:1:2)\nnode:internal/modules/cjs/loader:1:1\nnew Keys (/elsewhere/keys.ts:3:4)\nnew Keys (/proj/lib/keys.ts:41:5)\n<anonymous> (/proj/bin/app.ts:20:3)'];
    expect(sourceLocationOf(traces, '/proj')).toEqual({ file: 'lib/keys.ts', line: 41, column: 5 });
    expect(sourceLocationOf(['at /proj/bin/app.ts:9:13'], '/proj')).toEqual({ file: 'bin/app.ts', line: 9, column: 13 });
    expect(sourceLocationOf(['...node internals, tsx...'], '/proj')).toBeUndefined();
    expect(sourceLocationOf([], '/proj')).toBeUndefined();
  });

  test('reads file:// URLs, frames with spaces in the function name, several traces; not relative paths or the root itself', () => {
    expect(sourceLocationOf(['    at async Object.<anonymous> (file:///proj/lib/app.ts:7:2)'], '/proj')).toEqual({ file: 'lib/app.ts', line: 7, column: 2 });
    expect(sourceLocationOf(['at new Stack (/proj/node_modules/x.js:1:1)', 'at new Env (/proj/lib/env.ts:12:34)'], '/proj')).toEqual({ file: 'lib/env.ts', line: 12, column: 34 });
    expect(sourceLocationOf(['at f (lib/relative.ts:1:1)', 'at g (/proj:1:1)', 'at h (/projector/x.ts:1:1)'], '/proj')).toBeUndefined();
    expect(sourceLocationOf(['at f (/proj/lib/no-column.ts:3)'], '/proj')).toBeUndefined();
    expect(sourceLocationOf(['at f (/proj/lib/x.ts:3:4) trailing'], '/proj')).toBeUndefined();
  });
});

describe('toSarif from hand-built findings: every field', () => {
  const f = (over: Partial<GateFinding>): GateFinding => ({ pack: 'AwsSolutions', ruleId: 'AwsSolutions-IAM5[Resource::*]', level: 'warning', message: 'Wildcard permissions. Scope them.', constructPath: 'Env/Role/Policy', problems: [], ...over });

  test('an unknown rule: named from its id, described by the first sentence of its finding, the worst level of its findings', () => {
    const findings = [
      f({}),
      f({ level: 'error', constructPath: 'Env/Other/Policy', problems: ['a', 'b'], location: { templatePath: 'cdk.out/Env.template.json', logicalId: 'OtherPolicy1' } }),
      f({ level: 'note', ruleId: 'AwsSolutions-IAM5', constructPath: 'Env' }),
    ];
    const log = toSarif({ findings, pluginFailures: [] }, [], { toolVersion: '1.2.3' });
    const run = log.runs[0];
    expect(run.tool.driver.version).toBe('1.2.3');
    expect(run.tool.driver.informationUri).toBe('https://github.com/cdklabs/cdk-nag');
    expect(run.tool.driver.rules).toEqual([
      {
        id: 'AwsSolutions-IAM5',
        name: 'IAM5',
        shortDescription: { text: 'Wildcard permissions.' },
        fullDescription: { text: 'Wildcard permissions. Scope them.' },
        help: { text: 'Wildcard permissions. Scope them.' },
        helpUri: 'https://github.com/cdklabs/cdk-nag/blob/main/RULES.md#awssolutions',
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['security', 'hipaa'], 'security-severity': '8.0', precision: 'high' },
      },
    ]);
    expect(run.results.map((r) => r.message.text)).toEqual([
      'Env/Role/Policy. Wildcard permissions. (AwsSolutions-IAM5[Resource::*])',
      'Env/Other/Policy: a; b. Wildcard permissions. (AwsSolutions-IAM5[Resource::*])',
      'Env. Wildcard permissions.',
    ]);
    expect(run.results.map((r) => [r.ruleIndex, r.level])).toEqual([
      [0, 'warning'],
      [0, 'error'],
      [0, 'note'],
    ]);
    expect(run.results[0].locations).toEqual([{ logicalLocations: [{ name: 'Policy', fullyQualifiedName: 'Env/Role/Policy', kind: 'resource' }] }]);
    expect(run.results[1].locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'cdk.out/Env.template.json' } }, logicalLocations: [{ name: 'OtherPolicy1', fullyQualifiedName: 'Env/Other/Policy', kind: 'resource' }] },
    ]);
    expect(run.results[0]).not.toHaveProperty('suppressions');
    expect(run.results[0]).not.toHaveProperty('relatedLocations');
    expect(run.results[0].properties).toEqual({ pack: 'AwsSolutions', constructPath: 'Env/Role/Policy', fix: 'Wildcard permissions. Scope them.' });
    expect(run.results[0].partialFingerprints).toEqual({ [FINGERPRINT_KEY]: fingerprintOf(findings[0]) });
    expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  test('known rules keep their order of first appearance; levels rank error over warning over note', () => {
    const known = [
      { id: 'HIPAA.Coding-A', name: 'A', shortDescription: 'A is off.', help: 'Turn A on.', cfr: ['164.312(b)', '164.316'] },
      { id: 'HIPAA.Coding-B', name: 'B', shortDescription: 'B is off.', help: 'Turn B on.' },
    ];
    const run = toSarif(
      {
        findings: [
          f({ ruleId: 'HIPAA.Coding-B', level: 'note' }),
          f({ ruleId: 'HIPAA.Coding-A', level: 'note' }),
          f({ ruleId: 'HIPAA.Coding-A', level: 'warning' }),
          f({ ruleId: 'HIPAA.Coding-A', level: 'note' }),
          f({ ruleId: 'HIPAA.Coding-B', level: 'warning' }),
        ],
        pluginFailures: [],
      },
      known,
    ).runs[0];
    expect(run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level, r.properties['security-severity'], r.helpUri])).toEqual([
      ['HIPAA.Coding-B', 'warning', '5.0', undefined],
      ['HIPAA.Coding-A', 'warning', '5.0', 'https://www.ecfr.gov/current/title-45/section-164.312#p-164.312(b)'],
    ]);
    expect(run.tool.driver.rules[0]).not.toHaveProperty('helpUri');
    expect(run.tool.driver.rules[1].properties.tags).toEqual(['security', 'hipaa', '45-CFR-164.312(b)', '45-CFR-164.316']);
    expect(run.tool.driver.rules[1].shortDescription).toEqual({ text: 'A is off.' });
    expect(run.results.map((r) => r.ruleIndex)).toEqual([0, 1, 1, 1, 0]);
    expect(run.results[1].message.text).toBe('Env/Role/Policy. A is off.');
    expect(run.tool.driver).not.toHaveProperty('version');
  });

  test('source and template: source is the location, the template a related one; a source without column has none', () => {
    const [r] = toSarif(
      { findings: [f({ source: { file: 'lib/role.ts', line: 4 }, location: { templatePath: 't.json', logicalId: 'Role1', line: 30 }, acknowledged: { reason: 'scoped', at: 'Env/Role' } })], pluginFailures: [] },
      [],
    ).runs[0].results;
    expect(r.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'lib/role.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 4 } });
    expect(r.relatedLocations).toEqual([{ id: 1, physicalLocation: { artifactLocation: { uri: 't.json' }, region: { startLine: 30 } }, message: { text: 'the synthesized resource Role1' } }]);
    expect(r.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'scoped (acknowledged at Env/Role)' }]);
    const [bare] = toSarif({ findings: [f({ source: { file: 'lib/role.ts', line: 4, column: 9 } })], pluginFailures: [] }, []).runs[0].results;
    expect(bare.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'lib/role.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 9 } });
    expect(bare).not.toHaveProperty('relatedLocations');
  });

  test('baseRuleId strips a trailing finding suffix only; helpUri of an unknown HIPAA.Coding rule without CFR is undefined', () => {
    expect(baseRuleId('AwsSolutions-IAM5[Resource::arn:[x]]')).toBe('AwsSolutions-IAM5');
    expect(baseRuleId('AwsSolutions-IAM5')).toBe('AwsSolutions-IAM5');
    expect(baseRuleId('A[x]B')).toBe('A[x]B');
    expect(helpUriOf('HIPAA.Coding-X', [], {})).toBeUndefined();
    expect(helpUriOf('HIPAA.Coding-X', [], { docsBaseUri: 'https://example.org/' })).toBe('https://example.org/docs/controls.md#hipaacoding-x');
    expect(helpUriOf('XHIPAA.Coding-X', ['164.316'], {})).toBeUndefined();
  });

  test('fingerprints hash the rule and the construct path only', () => {
    expect(fingerprintOf(f({}))).toBe(fingerprintOf(f({ level: 'error', message: 'other', problems: ['p'] })));
    expect(fingerprintOf(f({}))).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprintOf(f({ ruleId: 'AwsSolutions-IAM5[Resource::*]', constructPath: 'Env/Role/Policy' }))).not.toBe(fingerprintOf(f({ ruleId: 'AwsSolutions-IAM5[Resource::*]\nEnv/Role', constructPath: 'Policy' })));
  });
});
