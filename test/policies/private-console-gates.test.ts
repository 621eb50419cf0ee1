import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { buildCodingEnv } from '../../lib/build-app';
import type { CodingEnvStack } from '../../lib/coding-env-stack';
import { parseConfig } from '../../lib/config/load';
import { acknowledgementsFor } from '../../policies/acknowledgements';
import { applyGates } from '../../policies/gates';
import { COLLECT_FINDINGS_CONTEXT, runGates } from '../../policies/run-gates';
import { AS_OF, cdkContext, exampleConfig, SKIP_BUNDLING } from '../lib/synth';

const SAML_VPN = {
  serverCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  samlProviderArn: 'arn:aws:iam::111122223333:saml-provider/ExampleIdP',
  accessGroupId: 'coding-vpn-users',
};

/** The example with a SAML VPN (workstations on), gated; `weaken` edits the built stack first. */
function gate(weaken?: (stack: CodingEnvStack) => void) {
  const raw = exampleConfig();
  raw.network.vpn = SAML_VPN;
  const config = parseConfig(raw, 'saml config');
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'saml-')), context: { ...cdkContext(), ...COLLECT_FINDINGS_CONTEXT, [SKIP_BUNDLING]: [] } });
  const stack = buildCodingEnv(app, config, { asOf: AS_OF });
  weaken?.(stack);
  applyGates(app, acknowledgementsFor(config, AS_OF));
  return runGates(app).findings.filter((f) => !f.acknowledged && f.level === 'error');
}

describe('A SAML configuration under the gates (private console, VPN to the VPC only)', () => {
  test('synthesizes clean: nothing open', () => {
    expect(gate()).toEqual([]);
  });

  test('the gates fail the same stack once people can reach the internet or a personal account', () => {
    const open = gate((stack) => {
      const association = stack.vpn.node.children.find((c) => c instanceof ec2.CfnClientVpnTargetNetworkAssociation) as ec2.CfnClientVpnTargetNetworkAssociation;
      new ec2.CfnClientVpnRoute(stack.vpn, 'InternetRoute', { clientVpnEndpointId: stack.vpn.endpoint.ref, destinationCidrBlock: '0.0.0.0/0', targetVpcSubnetId: association.subnetId });
      new ec2.CfnClientVpnAuthorizationRule(stack.vpn, 'AuthorizeInternet', {
        clientVpnEndpointId: stack.vpn.endpoint.ref,
        targetNetworkCidr: '0.0.0.0/0',
        accessGroupId: SAML_VPN.accessGroupId,
      });
      // The default endpoint policy: every account.
      (stack.consoleAccess.signin.node.defaultChild as ec2.CfnVPCEndpoint).addDeletionOverride('Properties.PolicyDocument');
    });
    expect(open.map((f) => f.ruleId).sort()).toEqual(['HIPAA.Coding-ConsoleEndpointsPinned', 'HIPAA.Coding-VpnAuthorizedToVpcOnly', 'HIPAA.Coding-VpnNoInternetRoute']);
  });
});
