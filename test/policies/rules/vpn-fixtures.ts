import { aws_ec2 as ec2, type Stack } from 'aws-cdk-lib';

const SERVER_CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/server';

export type VpnAuth = 'mutual-tls' | 'saml';

/** GIVEN a Client VPN endpoint on a 10.20.0.0/16 VPC, authenticated by certificates or SAML. */
export function vpnEndpoint(stack: Stack, auth: VpnAuth = 'mutual-tls', vpcId?: string): ec2.CfnClientVpnEndpoint {
  const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.20.0.0/16' });
  return new ec2.CfnClientVpnEndpoint(stack, 'Vpn', {
    clientCidrBlock: '10.100.0.0/22',
    serverCertificateArn: SERVER_CERT,
    authenticationOptions: [
      auth === 'saml'
        ? { type: 'federated-authentication', federatedAuthentication: { samlProviderArn: 'arn:aws:iam::111122223333:saml-provider/idp' } }
        : { type: 'certificate-authentication', mutualAuthentication: { clientRootCertificateChainArn: SERVER_CERT } },
    ],
    connectionLogOptions: { enabled: false },
    vpcId: vpcId ?? vpc.ref,
  });
}
