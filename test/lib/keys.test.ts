import { Match, type Template } from 'aws-cdk-lib/assertions';
import { resourcesOf, synth } from './synth';

const thisAccountsTrails = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:*:', { Ref: 'AWS::AccountId' }, ':trail/*']],
};
const thisAccountsLogGroups = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:*']],
};

describe('Keys: customer-managed, rotating, scoped to this account', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('PHI, audit, reports and secrets keys, each rotating and retained', () => {
    const keys = resourcesOf(template, 'AWS::KMS::Key');
    expect(keys.map((k) => (k.Properties as { Description: string }).Description)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^PHI/), expect.stringMatching(/^Audit/), expect.stringMatching(/reports/), expect.stringMatching(/first passwords/)]),
    );
    for (const key of keys) {
      expect(key.Properties).toMatchObject({ EnableKeyRotation: true });
      expect(key.DeletionPolicy).toBe('Retain');
    }
  });

  test('CloudTrail may use the audit key only for this account\'s trails', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: Match.stringLikeRegexp('^Audit'),
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:GenerateDataKey*',
            Condition: { StringLike: { 'aws:SourceArn': thisAccountsTrails, 'kms:EncryptionContext:aws:cloudtrail:arn': thisAccountsTrails } },
          }),
        ]),
      },
    });
  });

  test('CloudWatch Logs of this region may use the audit and reports keys only for this account\'s log groups', () => {
    const logsStatement = Match.objectLike({
      Effect: 'Allow',
      Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': thisAccountsLogGroups } },
    });
    for (const description of ['^Audit', '^Compliance reports']) {
      template.hasResourceProperties('AWS::KMS::Key', {
        Description: Match.stringLikeRegexp(description),
        KeyPolicy: { Statement: Match.arrayWith([logsStatement]) },
      });
    }
  });

  test('no service principal statement is left unconditioned', () => {
    for (const key of resourcesOf(template, 'AWS::KMS::Key')) {
      const statements = (key.Properties as { KeyPolicy: { Statement: { Principal: { Service?: unknown }; Condition?: unknown }[] } }).KeyPolicy.Statement;
      for (const s of statements.filter((st) => st.Principal.Service !== undefined)) expect(s.Condition).toBeDefined();
    }
  });
});
