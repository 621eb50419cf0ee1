import { readFileSync } from 'node:fs';
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
