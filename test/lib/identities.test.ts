import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AS_OF, expectNoCredentials, logicalIdWhere, resourcesOf, synth } from './synth';

/** User name -> the group names it belongs to, resolved through the groups' logical ids. */
function membership(template: Template): Map<string, string[]> {
  const groupNames = new Map(
    Object.entries(template.findResources('AWS::IAM::Group')).map(([id, g]) => [id, String((g as { Properties: { GroupName: string } }).Properties.GroupName)]),
  );
  return new Map(
    resourcesOf(template, 'AWS::IAM::User').map((u) => {
      // Users live in the roster's nested stacks and name their groups literally.
      const props = u.Properties as { UserName: string; Groups?: (string | { Ref: string })[] };
      return [props.UserName, (props.Groups ?? []).map((g) => (typeof g === 'string' ? g : (groupNames.get(g.Ref) ?? `?${g.Ref}`))).sort()];
    }),
  );
}

/** The punctuation Secrets Manager's GetRandomPassword draws from, and what IAM counts as a symbol. */
const SECRETS_MANAGER_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const IAM_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

/** The AwsCustomResource that sets the account password policy: [logical id, properties]. */
function passwordPolicyResource(template: Template): [string, { Create: string; Update: string }] {
  const found = Object.entries(template.findResources('Custom::AWS')).filter(([, r]) => JSON.stringify(r).includes('updateAccountPasswordPolicy'));
  expect(found).toHaveLength(1);
  return [found[0][0], (found[0][1] as { Properties: { Create: string; Update: string } }).Properties];
}

/** The guard: the one managed policy that denies without MFA. */
function guardPolicy(template: Template): { Groups: { Ref: string }[]; Users?: unknown; PolicyDocument: unknown } {
  const found = resourcesOf(template, 'AWS::IAM::ManagedPolicy').filter((p) => JSON.stringify(p.Properties).includes('DenyAllButMfaSelfServiceWithoutMfa'));
  expect(found).toHaveLength(1);
  return found[0].Properties as { Groups: { Ref: string }[]; Users?: unknown; PolicyDocument: unknown };
}

/** Refs to every VPC endpoint of the stack, as the guard lists them. */
function endpointRefs(template: Template): unknown {
  const ids = Object.keys(template.findResources('AWS::EC2::VPCEndpoint'));
  expect(ids.length).toBeGreaterThan(0);
  return ids.map((id) => ({ Ref: id }));
}

function vpcId(template: Template): string {
  const ids = Object.keys(template.findResources('AWS::EC2::VPC'));
  expect(ids).toHaveLength(1);
  return ids[0];
}

/** `{ "Fn::Join": ["", [{ Ref: <the NAT's EIP> }, "/32"]] }`. */
function natAddress(template: Template): unknown {
  const eips = Object.keys(template.findResources('AWS::EC2::EIP'));
  expect(eips).toHaveLength(1);
  return { 'Fn::Join': ['', [{ Ref: eips[0] }, '/32']] };
}

function userNames(template: Template): string[] {
  return [...membership(template).keys()].sort();
}

describe('Identities: one user per active person, access only through groups', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('active people get a user named by their id; departed people and past endDates get none', () => {
    // tnguyen: status departed; bsmith: endDate 2026-10-31 before AS_OF.
    expect(userNames(template)).toEqual(['hmartin', 'jdoe', 'kchen', 'mgarcia', 'opsadmin', 'rpatel']);
    const secretNames = resourcesOf(template, 'AWS::SecretsManager::Secret').map((s) => (s.Properties as { Name: string }).Name);
    expect(secretNames.sort()).toEqual(['hmartin', 'jdoe', 'kchen', 'mgarcia', 'opsadmin', 'rpatel'].map((id) => `coding-env/${id}/first-password`));
  });

  test('each user is tagged person-id = id', () => {
    for (const user of resourcesOf(template, 'AWS::IAM::User')) {
      const props = user.Properties as { UserName: string; Tags: { Key: string; Value: string }[] };
      expect(props.Tags).toContainEqual({ Key: 'person-id', Value: props.UserName });
    }
  });

  test('groups follow role and specialties: leads get coders-* plus coding-leads, auditors and admins only theirs', () => {
    expect(Object.fromEntries(membership(template))).toEqual({
      jdoe: ['coders-cardiology'],
      rpatel: ['coders-behavioral-health'],
      kchen: ['coders-orthopedics'],
      mgarcia: ['coders-cardiology', 'coders-orthopedics', 'coding-leads'],
      hmartin: ['compliance-auditors'],
      opsadmin: ['platform-admins'],
    });
  });

  test('one group per specialty plus the three role groups', () => {
    const names = resourcesOf(template, 'AWS::IAM::Group').map((g) => (g.Properties as { GroupName: string }).GroupName);
    expect(names.sort()).toEqual(['coders-behavioral-health', 'coders-cardiology', 'coders-orthopedics', 'coding-leads', 'compliance-auditors', 'platform-admins']);
  });

  test('groups carry customer managed policies only: no inline policy anywhere among people', () => {
    const groupIds = Object.keys(template.findResources('AWS::IAM::Group'));
    for (const policy of resourcesOf(template, 'AWS::IAM::Policy')) {
      for (const g of (policy.Properties as { Groups?: { Ref: string }[] }).Groups ?? []) expect(groupIds).not.toContain(g.Ref);
    }
    for (const group of resourcesOf(template, 'AWS::IAM::Group')) expect(group.Properties).not.toHaveProperty('Policies');
    const withAccess = new Set(
      resourcesOf(template, 'AWS::IAM::ManagedPolicy')
        .filter((p) => String((p.Properties as { Description?: string }).Description).startsWith('What members of'))
        .flatMap((p) => ((p.Properties as { Groups: { Ref: string }[] }).Groups ?? []).map((g) => g.Ref)),
    );
    const leads = logicalIdWhere(template, 'AWS::IAM::Group', { GroupName: 'coding-leads' });
    expect([...withAccess].sort()).toEqual(groupIds.filter((id) => id !== leads).sort());
  });

  test('auditors read trail files (AWSLogs/) of the archive, and platform-admins assume only the named CDK bootstrap roles', () => {
    const archiveId = logicalIdWhere(template, 'AWS::S3::Bucket', { ObjectLockEnabled: true, LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'audit-archive/' }) });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: logicalIdWhere(template, 'AWS::IAM::Group', { GroupName: 'compliance-auditors' }) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [archiveId, 'Arn'] }, '/AWSLogs/*']] } }),
        ]),
      },
    });
    const admin = resourcesOf(template, 'AWS::IAM::ManagedPolicy').find((p) =>
      JSON.stringify((p.Properties as { Groups?: unknown }).Groups) === JSON.stringify([{ Ref: logicalIdWhere(template, 'AWS::IAM::Group', { GroupName: 'platform-admins' }) }]) &&
      String((p.Properties as { Description?: string }).Description).startsWith('What members of'),
    );
    const assume = (admin?.Properties as { PolicyDocument: { Statement: { Action: string; Resource: unknown[] }[] } }).PolicyDocument.Statement.find((st) => st.Action === 'sts:AssumeRole');
    expect(assume?.Resource).toHaveLength(4);
    const rendered = JSON.stringify(assume?.Resource);
    for (const role of ['deploy-role', 'file-publishing-role', 'image-publishing-role', 'lookup-role']) expect(rendered).toContain(`:role/cdk-hnb659fds-${role}-`);
    expect(rendered).not.toContain('*');
  });

  test('no policy is attached to a user', () => {
    for (const user of resourcesOf(template, 'AWS::IAM::User')) {
      expect(user.Properties).not.toHaveProperty('Policies');
      expect(user.Properties).not.toHaveProperty('ManagedPolicyArns');
    }
    for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
      for (const policy of resourcesOf(template, type)) expect(policy.Properties).not.toHaveProperty('Users');
    }
  });

  test('coders-<s> reach <s>/* objects only (Get/Put), list only <s>/*, PHI key via S3 only', () => {
    const groupId = logicalIdWhere(template, 'AWS::IAM::Group', { GroupName: 'coders-cardiology' });
    const bucketId = logicalIdWhere(template, 'AWS::S3::Bucket', { BucketName: 'examplecoding-phi-records' });
    const keyId = logicalIdWhere(template, 'AWS::KMS::Key', { Description: Match.stringLikeRegexp('^PHI') });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: groupId }],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/cardiology/*']] },
            Sid: Match.anyValue(),
          },
          {
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
            Condition: { StringLike: { 's3:prefix': ['cardiology/*'] } },
            Sid: Match.anyValue(),
          },
          {
            Effect: 'Allow',
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
            Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } },
            Sid: Match.anyValue(),
          },
        ],
      },
    });
  });

  test('no identity policy allows s3:* or *', () => {
    for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
      for (const policy of resourcesOf(template, type)) {
        const statements = (policy.Properties as { PolicyDocument: { Statement: { Effect: string; Action?: string | string[] }[] } }).PolicyDocument.Statement;
        for (const s of statements.filter((st) => st.Effect === 'Allow')) {
          expect([s.Action].flat()).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(\*|s3:\*|iam:\*)$/)]));
        }
      }
    }
  });

  test('no access key and no literal password; first passwords are KMS-encrypted generated secrets, reset at first sign-in', () => {
    template.resourceCountIs('AWS::IAM::AccessKey', 0);
    const users = resourcesOf(template, 'AWS::IAM::User');
    expect(users.length).toBeGreaterThan(0);
    for (const user of users) {
      const profile = (user.Properties as { LoginProfile: { Password: unknown; PasswordResetRequired: boolean } }).LoginProfile;
      expect(profile.PasswordResetRequired).toBe(true);
      expect(typeof profile.Password).not.toBe('string');
      expect(JSON.stringify(profile.Password)).toMatch(/^\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:",\{"Ref":"[A-Za-z0-9]+"\},":SecretString:::\}\}"\]\]\}$/);
    }
    const secretsKeyId = logicalIdWhere(template, 'AWS::KMS::Key', { Description: Match.stringLikeRegexp('first passwords') });
    const secrets = resourcesOf(template, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(users.length);
    for (const secret of secrets) {
      expect(secret.Properties).toMatchObject({ GenerateSecretString: { PasswordLength: expect.any(Number), RequireEachIncludedType: true } });
      // The secrets key, passed into the roster's nested stack as a parameter named after it.
      const param = ((secret.Properties as { KmsKeyId: { Ref: string } }).KmsKeyId).Ref;
      expect(param).toMatch(/^referenceto[A-Za-z0-9]*KeysSecrets[A-Za-z0-9]*Arn$/);
      for (const stack of resourcesOf(template, 'AWS::CloudFormation::Stack')) {
        expect((stack.Properties as { Parameters: Record<string, unknown> }).Parameters[param]).toEqual({ 'Fn::GetAtt': [secretsKeyId, 'Arn'] });
      }
      expect(secret.Properties).not.toHaveProperty('SecretString');
      expect((secret.Properties as { GenerateSecretString: { PasswordLength: number } }).GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(14);
      // Whatever punctuation Secrets Manager may still pick must count as a symbol for IAM's password policy.
      const excluded = (secret.Properties as { GenerateSecretString: { ExcludeCharacters: string } }).GenerateSecretString.ExcludeCharacters;
      const mayGenerate = [...SECRETS_MANAGER_PUNCTUATION].filter((c) => !excluded.includes(c));
      expect(mayGenerate.filter((c) => !IAM_SYMBOLS.includes(c))).toEqual([]);
      expect(mayGenerate.length).toBeGreaterThan(5);
    }
  });

  test("one output says where each person's first password is (one output per person would exceed CloudFormation's 200)", () => {
    expect(template.findOutputs('FirstPasswordSecretName')).toEqual({
      FirstPasswordSecretName: expect.objectContaining({ Value: 'coding-env/<person id>/first-password' }),
    });
    expect(Object.keys(template.findOutputs('*')).filter((k) => k.startsWith('FirstPassword'))).toEqual(['FirstPasswordSecretName']);
  });
});

describe('Identities: only groups someone holds', () => {
  test('without a lead, an auditor or anyone in a specialty, those groups and their policies are not created', () => {
    const template = synth({
      mutate: (raw) => {
        raw.people = raw.people.filter((p) => p.role !== 'lead' && p.role !== 'auditor' && !(p.specialties ?? []).includes('orthopedics'));
      },
    });
    const names = resourcesOf(template, 'AWS::IAM::Group').map((g) => g.Properties?.GroupName).sort();
    expect(names).toEqual(['coders-behavioral-health', 'coders-cardiology', 'platform-admins']);
    const policies = Object.keys(template.findResources('AWS::IAM::ManagedPolicy')).join(' ');
    expect(policies).not.toMatch(/Accesscodersorthopedics|Accesscomplianceauditors/);
  });
});

describe('Identities: the guard policy on every people group', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('is attached to every group and to no user', () => {
    const guard = guardPolicy(template);
    const groupIds = Object.keys(template.findResources('AWS::IAM::Group'));
    expect(guard.Groups.map((g) => g.Ref).sort()).toEqual(groupIds.sort());
    expect(guard.Users).toBeUndefined();
  });

  test('allows MFA self-service on the own user only, denies the rest without MFA, denies requests from outside', () => {
    const ownArn = (kind: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:${kind}/\${aws:username}`]],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: Match.arrayWith(['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice']),
            Resource: Match.arrayWith([ownArn('mfa'), ownArn('user')]),
          }),
          Match.objectLike({
            Effect: 'Deny',
            NotAction: Match.arrayWith(['iam:ChangePassword', 'iam:CreateVirtualMFADevice', 'iam:EnableMFADevice']),
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: {
              // The configured sources and the NAT's Elastic IP, through which full-tunnel VPN users leave.
              NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/28', natAddress(template)] },
              // Only this stack's endpoints and VPC: an endpoint in someone else's VPC is no way in.
              StringNotEqualsIfExists: { 'aws:SourceVpce': endpointRefs(template), 'aws:SourceVpc': { Ref: vpcId(template) } },
              Bool: { 'aws:ViaAWSService': 'false' },
            },
          }),
        ]),
      },
    });
  });

  test('every Allow of the self-service statement is limited to the own user (no user/*)', () => {
    const doc = guardPolicy(template).PolicyDocument;
    expect(JSON.stringify(doc)).not.toMatch(/:user\/\*/);
  });
});

describe('Identities: account password policy', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('UpdateAccountPasswordPolicy with length 14, all classes, reuse 24, max age 90', () => {
    const [, cr] = passwordPolicyResource(template);
    for (const call of [cr.Create, cr.Update]) {
      expect(JSON.parse(call)).toMatchObject({
        service: 'IAM',
        action: 'updateAccountPasswordPolicy',
        parameters: {
          MinimumPasswordLength: 14,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
          PasswordReusePrevention: 24,
          MaxPasswordAge: 90,
        },
      });
    }
  });

  test("the provider's role has one customer managed policy: that action, the prefix list lookup and its own logs", () => {
    const [, cr] = passwordPolicyResource(template);
    const providerId = (cr as unknown as { ServiceToken: { 'Fn::GetAtt': [string, string] } }).ServiceToken['Fn::GetAtt'][0];
    const provider = template.findResources('AWS::Lambda::Function')[providerId] as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } };
    const roleId = provider.Properties.Role['Fn::GetAtt'][0];
    const role = template.findResources('AWS::IAM::Role')[roleId] as { Properties: Record<string, unknown> };
    expect(role.Properties).not.toHaveProperty('ManagedPolicyArns');
    expect(role.Properties).not.toHaveProperty('Policies');
    for (const policy of resourcesOf(template, 'AWS::IAM::Policy')) expect(JSON.stringify((policy.Properties as { Roles?: unknown }).Roles ?? [])).not.toContain(roleId);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } }),
          Match.objectLike({ Effect: 'Allow', Action: 'iam:UpdateAccountPasswordPolicy', Resource: '*' }),
          Match.objectLike({ Effect: 'Allow', Action: 'ec2:DescribeManagedPrefixLists', Resource: '*' }),
        ],
      },
    });
  });

  test('users are created after the password policy is set: every roster stack waits for it', () => {
    const [crId] = passwordPolicyResource(template);
    const roster = resourcesOf(template, 'AWS::CloudFormation::Stack');
    expect(roster.length).toBeGreaterThan(0);
    for (const stack of roster) expect(stack.DependsOn).toContain(crId);
  });
});

describe('Identities: roster edge cases', () => {
  test('an endDate equal to the as-of date counts as departed; the day before it does not', () => {
    expect(userNames(synth({ asOf: '2026-10-31' }))).not.toContain('bsmith');
    expect(userNames(synth({ asOf: '2026-10-30' }))).toContain('bsmith');
  });

  test('a departed person with a future endDate still gets no user', () => {
    const template = synth({
      mutate: (raw) => {
        const person = raw.people.find((p) => p.id === 'jdoe');
        if (person === undefined) throw new Error('example lost jdoe');
        person.status = 'departed';
        person.endDate = '2030-01-01';
      },
    });
    expect(userNames(template)).not.toContain('jdoe');
    expect(AS_OF < '2030-01-01').toBe(true);
    expectNoCredentials(template);
  });

  test('ids with punctuation IAM allows get a user and a secret', () => {
    const template = synth({
      mutate: (raw) => {
        raw.people[0].id = 'j.doe';
        raw.people[1].id = 'r@patel';
      },
    });
    expect(userNames(template)).toEqual(expect.arrayContaining(['j.doe', 'r@patel']));
    const secretNames = resourcesOf(template, 'AWS::SecretsManager::Secret').map((s) => (s.Properties as { Name: string }).Name);
    expect(secretNames).toEqual(expect.arrayContaining(['coding-env/j.doe/first-password', 'coding-env/r@patel/first-password']));
  });

  test("with no allowed source address, only the NAT's address and requests through a VPC endpoint pass the guard", () => {
    const template = synth({ mutate: (raw) => void (raw.network.allowedSourceCidrs = []) });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: Match.anyValue(),
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: {
              NotIpAddress: { 'aws:SourceIp': [natAddress(template)] },
              StringNotEqualsIfExists: { 'aws:SourceVpce': endpointRefs(template), 'aws:SourceVpc': { Ref: vpcId(template) } },
              Bool: { 'aws:ViaAWSService': 'false' },
            },
          },
        ]),
      },
    });
  });
});
