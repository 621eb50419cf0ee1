import type { Template } from 'aws-cdk-lib/assertions';
import { resourcesOf, synth } from './synth';

/** The report function and the Allow statements of its policies. */
function reportStep(template: Template) {
  const fn = resourcesOf(template, 'AWS::Lambda::Function').find((f) => /^Writes the compliance report/.test(String(f.Properties?.Description)));
  if (!fn) throw new Error('no report function');
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const statements = [...resourcesOf(template, 'AWS::IAM::ManagedPolicy'), ...resourcesOf(template, 'AWS::IAM::Policy')]
    .filter((p) => ((p.Properties?.Roles ?? []) as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: { Effect: string; Action: string | string[]; Resource: unknown }[] }).Statement);
  const env = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
  return { env, statements };
}

describe('Security Hub import of the scheduled report (opt-in)', () => {
  test('off by default: no switch in the environment, no Security Hub permission', () => {
    const { env, statements } = reportStep(synth());
    expect(env.SECURITY_HUB_IMPORT).toBeUndefined();
    expect(JSON.stringify(statements)).not.toContain('securityhub:');
  });

  test('-c securityHubImport=true: the switch, and BatchImportFindings on this account\'s default product only', () => {
    const { env, statements } = reportStep(synth({ context: { securityHubImport: 'true' } }));
    expect(env.SECURITY_HUB_IMPORT).toBe('true');
    const hub = statements.filter((s) => JSON.stringify(s.Action).includes('securityhub:'));
    expect(hub).toHaveLength(1);
    expect(hub[0]).toMatchObject({ Effect: 'Allow', Action: 'securityhub:BatchImportFindings' });
    const resource = JSON.stringify(hub[0].Resource);
    expect(resource).toContain(':securityhub:');
    expect(resource).toMatch(/:product\/".*AWS::AccountId.*"\/default"/);
    expect(resource).not.toContain('*');
    expect(JSON.stringify(env.SECURITY_HUB_PRODUCT_ARN)).toBe(resource);
  });
});
