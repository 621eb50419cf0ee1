import type { PolicyStatement } from '../../../checks/model/iam';
import { effectiveAccess, type PolicySource } from '../../../checks/rules/effective-access';
import { excessPhiReach, PHI_OBJECT_ACTIONS } from '../../../checks/rules/excess-phi-reach';
import { context, examplePerson, policyDocument as doc, refusingRecorder, statement as st } from '../helpers';

const ACCOUNT = '111122223333';
const BUCKET = 'arn:aws:s3:::examplecoding-phi-records';
const reach = (id: string, policies: PolicySource[]) =>
  excessPhiReach(examplePerson(id), id, effectiveAccess({ userName: id, arn: `arn:aws:iam::${ACCOUNT}:user/${id}`, account: ACCOUNT }, policies), context());
const user = (name: string, ...statements: PolicyStatement[]): PolicySource => ({ via: 'user', name, document: doc(...statements) });

describe('excess-phi-reach: what it asks', () => {
  test("for each specialty not the person's, and for a key under none: every PHI object action, and listing (under the specialty's prefix; with no prefix for the whole bucket)", () => {
    const { ask: refuseAll, asked } = refusingRecorder();
    expect(excessPhiReach(examplePerson('kchen'), 'kchen', refuseAll, context())).toEqual([]);
    const objects = (key: string) => PHI_OBJECT_ACTIONS.map((action) => ({ action, resource: `${BUCKET}/${key}` }));
    expect(asked).toStrictEqual([
      ...objects('cardiology/coding-env-audit-probe'),
      { action: 's3:ListBucket', resource: BUCKET, context: { 's3:prefix': 'cardiology/' } },
      ...objects('behavioral-health/coding-env-audit-probe'),
      { action: 's3:ListBucket', resource: BUCKET, context: { 's3:prefix': 'behavioral-health/' } },
      ...objects('coding-env-audit-probe/any-object'),
      { action: 's3:ListBucket', resource: BUCKET },
    ]);
  });
});

describe('excess-phi-reach: what counts as reaching', () => {
  test("listing another specialty's prefix is reaching it (the question names the prefix with its slash)", () => {
    const list = user('list-cardiology', st({ actions: ['s3:ListBucket'], resources: [BUCKET], conditions: { StringLike: { 's3:prefix': ['cardiology/*'] } } }));
    expect(reach('kchen', [list])).toEqual([expect.objectContaining({ evidence: { assignedSpecialties: ['orthopedics'], reached: [{ where: 'cardiology', actions: ['s3:ListBucket'], grantedBy: ['user: list-cardiology'] }] } })]);
  });
  test('listing with no prefix at all is listing the whole bucket', () => {
    const listRoot = user('list-root', st({ actions: ['s3:ListBucket'], resources: [BUCKET], conditions: { Null: { 's3:prefix': 'true' } } }));
    expect(reach('kchen', [listRoot])).toEqual([expect.objectContaining({ evidence: { assignedSpecialties: ['orthopedics'], reached: [{ where: 'the whole bucket', actions: ['s3:ListBucket'], grantedBy: ['user: list-root'] }] } })]);
  });
  test('nothing beyond the own specialty is nothing to report; an admin is not judged here', () => {
    expect(reach('kchen', [user('own', st({ actions: ['s3:GetObject'], resources: [`${BUCKET}/orthopedics/*`] }))])).toEqual([]);
    expect(reach('opsadmin', [user('all', st({ actions: ['s3:*'], resources: ['*'] }))])).toEqual([]);
  });
});

describe('excess-phi-reach: the finding in full', () => {
  test('a lead with two specialties reaching two places through two policies, one of them behind a condition', () => {
    const policies = [
      user('read-behavioral-health', st({ actions: ['s3:GetObject'], resources: [`${BUCKET}/behavioral-health/*`] })),
      user('write-anywhere-from-vpce', st({ actions: ['s3:PutObject'], resources: [`${BUCKET}/*`], conditions: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } } })),
    ];
    expect(reach('mgarcia', policies)).toEqual([
      {
        check: 'privilege-creep',
        rule: 'excess-phi-reach',
        principal: 'mgarcia',
        severity: 'high',
        summary:
          "mgarcia (lead, cardiology, orthopedics) can reach PHI under behavioral-health, the whole bucket through user: read-behavioral-health; user: write-anywhere-from-vpce: narrow the policy to the person's own specialties or remove it.",
        evidence: {
          assignedSpecialties: ['cardiology', 'orthopedics'],
          reached: [
            { where: 'behavioral-health', actions: ['s3:GetObject', 's3:PutObject'], grantedBy: ['user: read-behavioral-health', 'user: write-anywhere-from-vpce'], ifConditionsHold: ['aws:SourceVpce'] },
            { where: 'the whole bucket', actions: ['s3:PutObject'], grantedBy: ['user: write-anywhere-from-vpce'], ifConditionsHold: ['aws:SourceVpce'] },
          ],
        },
      },
    ]);
  });
  test('a person with no specialty: every specialty is beyond them, and the summary says "no specialty"', () => {
    const [f] = reach('hmartin', [user('read-all', st({ actions: ['s3:GetObject'], resources: [`${BUCKET}/*`] }))]);
    expect(f.summary).toBe("hmartin (auditor, no specialty) can reach PHI under cardiology, behavioral-health, orthopedics, the whole bucket through user: read-all: narrow the policy to the person's own specialties or remove it.");
    expect(f.evidence).toEqual({
      assignedSpecialties: [],
      reached: ['cardiology', 'behavioral-health', 'orthopedics', 'the whole bucket'].map((where) => ({ where, actions: ['s3:GetObject'], grantedBy: ['user: read-all'] })),
    });
  });
  test('a person with one specialty is named with it', () => {
    const [f] = reach('kchen', [user('read-cardiology', st({ actions: ['s3:GetObject'], resources: [`${BUCKET}/cardiology/*`] }))]);
    expect(f.summary).toBe("kchen (coder, orthopedics) can reach PHI under cardiology through user: read-cardiology: narrow the policy to the person's own specialties or remove it.");
  });
});
