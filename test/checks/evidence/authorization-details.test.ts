import { readFileSync } from 'node:fs';
import { decodePolicyDocument } from '../../../checks/evidence/policy-document';
import { AuthorizationDetailsError, parseAuthorizationDetails } from '../../../checks/evidence/authorization-details';

const merged = () => JSON.parse(readFileSync('test/fixtures/evidence/example/account-authorization-details.json', 'utf8'));

describe('authorization details', () => {
  test('reads the merged AWS CLI output, decoding URL-encoded inline policies', () => {
    const { details } = parseAuthorizationDetails(merged());
    const kchen = details.users.find((u) => u.name === 'kchen');
    expect(kchen?.inline[0].document.statements[0]).toMatchObject({ effect: 'Allow', actions: ['s3:GetObject'] });
    expect(details.roles.find((r) => r.name === 'reporting-partner')?.trustPolicy.statements[0].awsPrincipals).toEqual(['999988887777']);
    expect(details.policies.find((p) => p.name === 'AdministratorAccess')?.document?.statements[0].actions).toEqual(['*']);
  });

  test('the example export documents every attached policy: nothing partial', () => {
    expect(parseAuthorizationDetails(merged()).problems).toEqual([]);
  });

  test('an attached managed policy without its document in the export (a filtered export) is a problem, named once', () => {
    const raw = merged();
    raw.Policies = raw.Policies.filter((p: { PolicyName: string }) => p.PolicyName !== 'AdministratorAccess');
    expect(parseAuthorizationDetails(raw).problems).toEqual([expect.stringMatching(/^managed policy arn:aws:iam::aws:policy\/AdministratorAccess \(attached to user ci-deployer\) has no default-version document/)]);
  });

  test('merges an array of API pages with URL-encoded documents into the same model', () => {
    const whole = merged();
    const encode = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
    const page1 = { UserDetailList: whole.UserDetailList.slice(0, 4), GroupDetailList: whole.GroupDetailList, IsTruncated: true, Marker: 'm1' };
    const page2 = {
      UserDetailList: whole.UserDetailList.slice(4),
      RoleDetailList: whole.RoleDetailList.map((r: { AssumeRolePolicyDocument: unknown }) => ({ ...r, AssumeRolePolicyDocument: encode(r.AssumeRolePolicyDocument) })),
      Policies: whole.Policies,
      IsTruncated: false,
    };
    expect(parseAuthorizationDetails([page1, page2]).details).toEqual(parseAuthorizationDetails(whole).details);
  });

  test('names the entity whose policy document cannot be decoded', () => {
    const whole = merged();
    whole.GroupDetailList[0].GroupPolicyList[0].PolicyDocument = '%7B%22Statement';
    expect(() => parseAuthorizationDetails(whole)).toThrow(/group coders-cardiology policy phi-cardiology: not a readable policy document/);
  });

  test('refuses a document of the wrong shape, naming the field', () => {
    expect(() => parseAuthorizationDetails({ UserDetailList: [{ UserName: 'x' }] })).toThrow(AuthorizationDetailsError);
    expect(() => parseAuthorizationDetails({ UserDetailList: [{ UserName: 'x' }] })).toThrow(/UserDetailList\[0\]\.Arn/);
  });
});

describe('authorization details: what is not a whole export', () => {
  const user = (name: string, attached: { PolicyName: string; PolicyArn: string }[] = []) => ({
    UserName: name,
    Arn: `arn:aws:iam::111122223333:user/${name}`,
    CreateDate: '2026-01-05T10:00:00Z',
    GroupList: [],
    AttachedManagedPolicies: attached,
    UserPolicyList: [],
  });

  test('`{}` and a page without any of the four lists are no export at all', () => {
    const why = 'not GetAccountAuthorizationDetails output: none of UserDetailList, GroupDetailList, RoleDetailList, Policies present';
    expect(() => parseAuthorizationDetails({})).toThrow(new AuthorizationDetailsError(why));
    expect(() => parseAuthorizationDetails([{ IsTruncated: false }, { Marker: 'x' }])).toThrow(why);
  });

  test('a single list, even empty, is an export; every entity counts as a record', () => {
    expect(parseAuthorizationDetails({ RoleDetailList: [] })).toEqual({ details: { users: [], groups: [], roles: [], policies: [] }, records: 0, problems: [] });
    expect(parseAuthorizationDetails([{ IsTruncated: true, Marker: 'm' }, { GroupDetailList: [] }]).problems).toEqual([]);
    expect(parseAuthorizationDetails(merged()).records).toBe(11 + 6 + 4 + 2);
  });

  test('an empty array of pages is refused, naming the root', () => {
    expect(() => parseAuthorizationDetails([])).toThrow(/^not GetAccountAuthorizationDetails output: \(root\): /);
    expect(() => parseAuthorizationDetails('UserDetailList')).toThrow(/^not GetAccountAuthorizationDetails output: \(root\): /);
  });

  test('at most three field problems are named', () => {
    const err = (() => {
      try {
        parseAuthorizationDetails({ UserDetailList: [{}, {}] });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(err).toBe('not GetAccountAuthorizationDetails output: UserDetailList[0].UserName: Invalid input: expected string, received undefined; UserDetailList[0].Arn: Invalid input: expected string, received undefined; UserDetailList[0].CreateDate: Invalid input');
  });

  test('IsTruncated on the last page (or the one export) means the export is cut: partial, named', () => {
    expect(parseAuthorizationDetails({ UserDetailList: [user('a')], IsTruncated: true, Marker: 'm' }).problems).toEqual([
      'the export says IsTruncated: true, but no later page is present: the export is cut',
    ]);
    expect(parseAuthorizationDetails([{ UserDetailList: [user('a')], IsTruncated: true, Marker: 'm' }, { UserDetailList: [user('b')], IsTruncated: true, Marker: 'n' }]).problems).toEqual([
      'page 2 says IsTruncated: true, but no later page is present: the export is cut',
    ]);
    // Only the last page's flag counts: a first page that says more follow, followed by them, is whole.
    expect(parseAuthorizationDetails([{ UserDetailList: [user('a')], IsTruncated: true, Marker: 'm' }, { UserDetailList: [user('b')], IsTruncated: false }]).problems).toEqual([]);
    expect(parseAuthorizationDetails({ UserDetailList: [user('a')], IsTruncated: false }).problems).toEqual([]);
  });

  test('the default version is the one flagged IsDefaultVersion, or named by DefaultVersionId', () => {
    const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
    const policy = (versions: object[], DefaultVersionId?: string) => ({ PolicyName: 'p', Arn: 'arn:aws:iam::111122223333:policy/p', ...(DefaultVersionId ? { DefaultVersionId } : {}), PolicyVersionList: versions });
    const actions = (p: object) => parseAuthorizationDetails({ Policies: [p] }).details.policies[0].document?.statements[0].actions;
    expect(actions(policy([{ Document: doc('s3:Old'), VersionId: 'v1', IsDefaultVersion: false }, { Document: doc('s3:New'), VersionId: 'v2', IsDefaultVersion: true }]))).toEqual(['s3:New']);
    expect(actions(policy([{ Document: doc('s3:Old'), VersionId: 'v1' }, { Document: doc('s3:New'), VersionId: 'v2' }], 'v2'))).toEqual(['s3:New']);
    // Neither flag nor id: no document, never the first version guessed.
    expect(parseAuthorizationDetails({ Policies: [policy([{ Document: doc('s3:Old'), VersionId: 'v1' }])] }).details.policies[0]).toEqual({ name: 'p', arn: 'arn:aws:iam::111122223333:policy/p', document: undefined });
    expect(parseAuthorizationDetails({ Policies: [policy([{ Document: doc('s3:Old') }])] }).details.policies[0].document).toBeUndefined();
  });

  test('a policy attached to several holders is named once, with the first; a group\'s too; a documented one is not', () => {
    const arn = 'arn:aws:iam::111122223333:policy/filtered';
    const att = [{ PolicyName: 'filtered', PolicyArn: arn }];
    const documented = { PolicyName: 'filtered', Arn: arn, DefaultVersionId: 'v1', PolicyVersionList: [{ Document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, VersionId: 'v1', IsDefaultVersion: true }] };
    const groupArn = 'arn:aws:iam::111122223333:policy/group-only';
    const raw = { UserDetailList: [user('a', att), user('b', att)], GroupDetailList: [{ GroupName: 'g', AttachedManagedPolicies: [{ PolicyName: 'group-only', PolicyArn: groupArn }], GroupPolicyList: [] }] };
    expect(parseAuthorizationDetails(raw).problems).toEqual([
      `managed policy ${arn} (attached to user a) has no default-version document in the export: effective access cannot be judged`,
      `managed policy ${groupArn} (attached to group g) has no default-version document in the export: effective access cannot be judged`,
    ]);
    expect(parseAuthorizationDetails({ ...raw, Policies: [documented] }).problems).toEqual([
      `managed policy ${groupArn} (attached to group g) has no default-version document in the export: effective access cannot be judged`,
    ]);
    // Listed but without its default version: still not documented.
    expect(parseAuthorizationDetails({ ...raw, Policies: [{ ...documented, PolicyVersionList: [] }] }).problems).toHaveLength(2);
  });

  test('the model: users, groups, roles and policies with their fields; live Date objects become ISO strings', () => {
    const raw = {
      UserDetailList: [{ ...user('a', [{ PolicyName: 'm', PolicyArn: 'arn:aws:iam::aws:policy/m' }]), CreateDate: new Date('2026-01-05T10:00:00Z'), GroupList: ['g'], UserPolicyList: [{ PolicyName: 'i', PolicyDocument: { Statement: { Effect: 'Deny', Action: 's3:*', Resource: '*' } } }] }],
      GroupDetailList: [{ GroupName: 'g', AttachedManagedPolicies: [], GroupPolicyList: [{ PolicyName: 'gi', PolicyDocument: { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] } }] }],
      RoleDetailList: [{ RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r', AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] } }],
      Policies: [{ PolicyName: 'm', Arn: 'arn:aws:iam::aws:policy/m', PolicyVersionList: [{ Document: { Statement: [{ Effect: 'Allow', Action: ['a:b', 'c:d'], Resource: '*' }] }, IsDefaultVersion: true }] }],
    };
    const st = (effect: string, over: object) => ({ effect, actions: [], notActions: [], resources: [], awsPrincipals: [], ...over });
    expect(parseAuthorizationDetails(raw)).toEqual({
      details: {
        users: [{ name: 'a', arn: 'arn:aws:iam::111122223333:user/a', createdAt: '2026-01-05T10:00:00.000Z', groups: ['g'], attached: [{ name: 'm', arn: 'arn:aws:iam::aws:policy/m' }], inline: [{ name: 'i', document: { statements: [st('Deny', { actions: ['s3:*'], resources: ['*'] })] } }] }],
        groups: [{ name: 'g', attached: [], inline: [{ name: 'gi', document: { statements: [st('Allow', { notActions: ['iam:*'], resources: ['*'] })] } }] }],
        roles: [{ name: 'r', arn: 'arn:aws:iam::111122223333:role/r', trustPolicy: { statements: [st('Allow', { actions: ['sts:AssumeRole'], awsPrincipals: ['*'] })] } }],
        policies: [{ name: 'm', arn: 'arn:aws:iam::aws:policy/m', document: { statements: [st('Allow', { actions: ['a:b', 'c:d'], resources: ['*'] })] } }],
      },
      records: 4,
      problems: [],
    });
  });

  test('an unreadable document names its holder: the field for a wrong shape, nothing of its text for bad JSON', () => {
    const bad = (doc: unknown) => ({ RoleDetailList: [{ RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r', AssumeRolePolicyDocument: doc }] });
    expect(() => parseAuthorizationDetails(bad({ Statement: [{ Effect: 'Maybe' }] }))).toThrow(/^role r trust: not a readable policy document \(Statement: Invalid input\)$/);
    expect(() => parseAuthorizationDetails(bad({}))).toThrow(/^role r trust: not a readable policy document \(Statement: Invalid input/);
    expect(() => parseAuthorizationDetails(bad('%7B%22Statement%22%3A%22patient-4711'))).toThrow(new AuthorizationDetailsError('role r trust: not a readable policy document'));
    const policy = { Policies: [{ PolicyName: 'p', Arn: 'arn:aws:iam::111122223333:policy/p', PolicyVersionList: [{ Document: 42, IsDefaultVersion: true }] }] };
    expect(() => parseAuthorizationDetails(policy)).toThrow(/^policy p: not a readable policy document \(document: /);
    const userInline = { UserDetailList: [{ ...user('u'), UserPolicyList: [{ PolicyName: 'x', PolicyDocument: 'not%' }] }] };
    expect(() => parseAuthorizationDetails(userInline)).toThrow(/^user u policy x: not a readable policy document$/);
  });
});

describe('policy documents: statements and principals', () => {
  test('one statement or a list; actions, resources and principals as string or list; absent lists empty', () => {
    expect(decodePolicyDocument({ Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*'], Principal: { AWS: 'arn:aws:iam::999988887777:root' } } })).toEqual({
      statements: [{ effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: ['arn:aws:s3:::b/*'], awsPrincipals: ['arn:aws:iam::999988887777:root'] }],
    });
    expect(decodePolicyDocument({ Statement: [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Principal: { Service: 'lambda.amazonaws.com' } }] }).statements).toEqual([
      { effect: 'Deny', actions: [], notActions: ['iam:*', 'sts:*'], resources: [], awsPrincipals: [] },
    ]);
    expect(decodePolicyDocument({ Statement: [{ Effect: 'Allow', Principal: '*' }] }).statements[0].awsPrincipals).toEqual(['*']);
    expect(decodePolicyDocument({ Statement: [{ Effect: 'Allow', Principal: { AWS: ['111122223333', '444455556666'] } }] }).statements[0].awsPrincipals).toEqual(['111122223333', '444455556666']);
  });

  test('condition numbers and booleans become strings, as the evaluator compares them', () => {
    const doc = decodePolicyDocument({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { NumericLessThan: { 's3:max-keys': 10 }, Bool: { 'aws:SecureTransport': [false, 'true'] } } }] });
    expect(doc.statements[0].conditions).toEqual({ NumericLessThan: { 's3:max-keys': '10' }, Bool: { 'aws:SecureTransport': ['false', 'true'] } });
    expect('conditions' in decodePolicyDocument({ Statement: [{ Effect: 'Allow', Action: '*' }] }).statements[0]).toBe(false);
    expect('notResources' in decodePolicyDocument({ Statement: [{ Effect: 'Allow', Action: '*' }] }).statements[0]).toBe(false);
  });

  test('a URL-encoded string is decoded first; an object is read as it is', () => {
    const doc = { Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }] };
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(decodePolicyDocument(doc));
  });
});

test('a policy document wrong in several places names the one field, exactly', () => {
  const bad = { RoleDetailList: [{ RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r', AssumeRolePolicyDocument: { Statement: [{ Effect: 'Maybe', Action: 1 }, { Effect: 'Allow', Resource: 2 }] } }] };
  expect(() => parseAuthorizationDetails(bad)).toThrow(new AuthorizationDetailsError('role r trust: not a readable policy document (Statement: Invalid input)'));
  const notObject = { RoleDetailList: [{ RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r', AssumeRolePolicyDocument: 42 }] };
  expect(() => parseAuthorizationDetails(notObject)).toThrow(new AuthorizationDetailsError('role r trust: not a readable policy document (document: Invalid input: expected object, received number)'));
});
