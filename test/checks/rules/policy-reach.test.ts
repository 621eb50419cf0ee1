import type { AuthorizationDetails, PolicyDocument } from '../../../checks/model/iam';
import { accessOf, isAdminEquivalent, phiSpecialtiesReached, policiesOfGroup, policiesOfUser } from '../../../checks/rules/policy-reach';
import { emptyAuthorization, iamUser } from '../helpers';

const BUCKET = 'examplecoding-phi-records';
const allow = (actions: string[], resources: string[], effect: 'Allow' | 'Deny' = 'Allow'): PolicyDocument => ({ statements: [{ effect, actions, notActions: [], resources, awsPrincipals: [] }] });
const READ_CARDIOLOGY = allow(['s3:GetObject'], [`arn:aws:s3:::${BUCKET}/cardiology/*`]);
const MANAGED = 'arn:aws:iam::111122223333:policy/phi-cardiology';
// As GetAccountAuthorizationDetails lists them: managed policies by ARN, with their default version's document.
const details: AuthorizationDetails = {
  ...emptyAuthorization,
  groups: [{ name: 'coders-cardiology', attached: [{ name: 'phi-cardiology', arn: MANAGED }], inline: [{ name: 'list', document: allow(['s3:ListBucket'], [`arn:aws:s3:::${BUCKET}`]) }] }],
  policies: [{ arn: MANAGED, name: 'phi-cardiology', document: READ_CARDIOLOGY }],
};

describe('policiesOfGroup and policiesOfUser', () => {
  test("a group's managed and inline policies, with documents", () => {
    expect(policiesOfGroup(details, 'coders-cardiology')).toStrictEqual([
      { via: 'group coders-cardiology', name: 'phi-cardiology', arn: MANAGED, document: READ_CARDIOLOGY },
      { via: 'group coders-cardiology', name: 'list', document: details.groups[0].inline[0].document },
    ]);
  });
  test('a group the export does not hold has no policies', () => {
    expect(policiesOfGroup(details, 'coders-radiology')).toEqual([]);
  });
  test("a user's own policies first, then their groups'; a managed policy the export lacks has no document", () => {
    const user = iamUser('jdoe', { groups: ['coders-cardiology'], attached: [{ name: 'gone', arn: 'arn:aws:iam::111122223333:policy/gone' }], inline: [{ name: 'extra', document: READ_CARDIOLOGY }] });
    expect(policiesOfUser(details, user).map((p) => [p.via, p.name, p.arn, p.document === undefined])).toEqual([
      ['user', 'gone', 'arn:aws:iam::111122223333:policy/gone', true],
      ['user', 'extra', undefined, false],
      ['group coders-cardiology', 'phi-cardiology', MANAGED, false],
      ['group coders-cardiology', 'list', undefined, false],
    ]);
    expect(policiesOfUser(details, user)[1]).toStrictEqual({ via: 'user', name: 'extra', document: READ_CARDIOLOGY });
  });
});

describe('isAdminEquivalent', () => {
  test("AWS's AdministratorAccess and IAMFullAccess by ARN, whatever the document", () => {
    expect(isAdminEquivalent({ via: 'user', name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' })).toBe(true);
    expect(isAdminEquivalent({ via: 'user', name: 'IAMFullAccess', arn: 'arn:aws:iam::aws:policy/IAMFullAccess' })).toBe(true);
    // A customer policy that only borrows the name is judged by its document.
    expect(isAdminEquivalent({ via: 'user', name: 'AdministratorAccess', arn: 'arn:aws:iam::111122223333:policy/AdministratorAccess', document: READ_CARDIOLOGY })).toBe(false);
    expect(isAdminEquivalent({ via: 'user', name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })).toBe(false);
  });
  test('an Allow of * or iam:* (any case); not a Deny, not narrower actions, not a missing document', () => {
    expect(isAdminEquivalent({ via: 'user', name: 'a', document: allow(['*'], ['*']) })).toBe(true);
    expect(isAdminEquivalent({ via: 'user', name: 'a', document: allow(['s3:GetObject', 'IAM:*'], ['*']) })).toBe(true);
    expect(isAdminEquivalent({ via: 'user', name: 'a', document: allow(['*'], ['*'], 'Deny') })).toBe(false);
    expect(isAdminEquivalent({ via: 'user', name: 'a', document: allow(['iam:Get*', 's3:*'], ['*']) })).toBe(false);
    expect(isAdminEquivalent({ via: 'user', name: 'a' })).toBe(false);
  });
});

describe('phiSpecialtiesReached', () => {
  const reached = (document: PolicyDocument | undefined) => phiSpecialtiesReached({ via: 'user', name: 'p', ...(document ? { document } : {}) }, BUCKET, ['cardiology', 'orthopedics', 'behavioral-health']);
  test('the specialty prefixes an S3 Allow covers', () => {
    expect(reached(READ_CARDIOLOGY)).toEqual(['cardiology']);
    expect(reached(allow(['s3:*'], [`arn:aws:s3:::${BUCKET}/*`]))).toEqual(['cardiology', 'orthopedics', 'behavioral-health']);
    expect(reached(allow(['*'], [`arn:aws:s3:::${BUCKET}/ortho?edics/*`]))).toEqual(['orthopedics']);
  });
  test('nothing through a Deny, another service, another bucket, or no document', () => {
    expect(reached(allow(['s3:GetObject'], [`arn:aws:s3:::${BUCKET}/*`], 'Deny'))).toEqual([]);
    expect(reached(allow(['kms:Decrypt'], ['*']))).toEqual([]);
    expect(reached(allow(['s3:GetObject'], ['arn:aws:s3:::other-bucket/*']))).toEqual([]);
    expect(reached(undefined)).toEqual([]);
  });
});

describe('accessOf', () => {
  test('evaluates the documents it has, as the user in their account', () => {
    const user = iamUser('jdoe', { groups: ['coders-cardiology'], attached: [{ name: 'gone', arn: 'arn:aws:iam::111122223333:policy/gone' }] });
    const access = accessOf(details, user);
    expect(access.principal).toEqual({ userName: 'jdoe', arn: 'arn:aws:iam::111122223333:user/jdoe', account: '111122223333' });
    expect(access.policies.map((p) => `${p.via}: ${p.name}`)).toEqual(['group coders-cardiology: phi-cardiology', 'group coders-cardiology: list']);
    expect(access.evaluate({ action: 's3:GetObject', resource: `arn:aws:s3:::${BUCKET}/cardiology/P1/a.pdf` }).allowed).toBe(true);
  });
  test('an ARN with no account part gives an empty account', () => {
    expect(accessOf(details, iamUser('jdoe', { arn: 'jdoe' })).principal.account).toBe('');
  });
});
