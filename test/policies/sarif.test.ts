import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, aws_ec2 as ec2, Stack } from 'aws-cdk-lib';
import type { GateResult } from '../../policies/findings';
import { applyGates } from '../../policies/gates';
import { codingRuleMetadata, COLLECT_FINDINGS_CONTEXT, lineOf, runGates } from '../../policies/run-gates';
import { SARIF_SCHEMA, toSarif } from '../../policies/sarif';

function splitTunnelFindings(): GateResult {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'sarif-')), context: COLLECT_FINDINGS_CONTEXT });
  const stack = new Stack(app, 'Env');
  new ec2.CfnClientVpnEndpoint(stack, 'Vpn', {
    clientCidrBlock: '10.100.0.0/22',
    serverCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/server',
    authenticationOptions: [{ type: 'certificate-authentication', mutualAuthentication: { clientRootCertificateChainArn: 'arn:aws:acm:us-east-1:111122223333:certificate/root' } }],
    connectionLogOptions: { enabled: false },
    splitTunnel: true,
  });
  applyGates(app, []);
  return runGates(app, app.outdir);
}

describe('toSarif', () => {
  const result = splitTunnelFindings();
  const log = toSarif(result, codingRuleMetadata());
  const run = log.runs[0];

  test('is a SARIF 2.1.0 log', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(run.tool.driver.name).toBe('coding-env-gates');
    expect(run.invocations[0].executionSuccessful).toBe(true);
  });

  test('each result points at a rule of the driver, by id and index', () => {
    expect(run.results.length).toBeGreaterThan(0);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
    }
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.help.text).not.toBe('');
    }
  });

  test('our finding names the construct, the template resource, the why and the fix', () => {
    const vpn = run.results.find((r) => r.ruleId === 'HIPAA.Coding-ClientVpnHardened');
    expect(vpn).toBeDefined();
    expect(vpn!.level).toBe('error');
    expect(vpn!.message.text).toMatch(/^Env\/Vpn: .*SplitTunnel is true/);
    expect(vpn!.locations[0].logicalLocations[0]).toEqual({ name: 'Vpn', fullyQualifiedName: 'Env/Vpn', kind: 'resource' });
    expect(vpn!.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'Env.template.json' }, region: { startLine: expect.any(Number) } });
    expect(vpn!.properties.fix).toMatch(/SplitTunnel false/);
    const rule = run.tool.driver.rules[vpn!.ruleIndex];
    expect(rule.name).toBe('ClientVpnHardened');
    expect(rule.properties.tags).toContain('45-CFR-164.312(e)(1)');
  });

  test('an acknowledged finding is a suppressed result with its justification', () => {
    const acked: GateResult = {
      pluginFailures: [],
      findings: [{ pack: 'HIPAA.Coding', ruleId: 'HIPAA.Coding-AutomaticLogoff', level: 'error', message: 'm', constructPath: 'Env/Desk/Resource', problems: [], acknowledged: { reason: 'Compensating control: GPO screen lock at 15 minutes.', at: 'Env/Desk' } }],
    };
    const r = toSarif(acked, codingRuleMetadata()).runs[0].results[0];
    expect(r.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: expect.stringContaining('GPO screen lock') }]);
  });

  test('a pack that failed to run makes the invocation unsuccessful', () => {
    const failed = toSarif({ findings: [], pluginFailures: [{ pack: 'AwsSolutions', error: 'boom' }] }, []);
    expect(failed.runs[0].invocations[0]).toEqual({ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'AwsSolutions: boom' } }] });
  });

  test('lineOf finds a resource in a pretty-printed template', () => {
    expect(lineOf('{\n "Resources": {\n  "Vpn": {\n   "Type": "x"\n  }\n }\n}', 'Vpn')).toBe(3);
  });
});
