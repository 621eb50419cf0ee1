import type { PolicyStatement } from '../../../../checks/model/iam';
import { requestContext } from '../../../../checks/rules/iam-evaluation/request-context';
import { type EvaluatedStatement, statementApplies } from '../../../../checks/rules/iam-evaluation/statement';

const st = (over: Partial<PolicyStatement>): EvaluatedStatement => ({ effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: [], ...over });
const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::phi/cardiology/x', context: requestContext({ 'aws:username': 'jdoe' }) };

describe('statementApplies', () => {
  test('Action and Resource both cover the request', () => {
    expect(statementApplies(st({ resources: ['arn:aws:s3:::phi/*'] }), request)).toBe(true);
    expect(statementApplies(st({ resources: ['arn:aws:s3:::phi/orthopedics/*'] }), request)).toBe(false);
    expect(statementApplies(st({ actions: ['s3:PutObject'], resources: ['*'] }), request)).toBe(false);
  });
  test('NotAction and NotResource: everything but what they list', () => {
    expect(statementApplies(st({ actions: [], notActions: ['iam:*'], resources: ['*'] }), request)).toBe(true);
    expect(statementApplies(st({ actions: [], notActions: ['s3:*'], resources: ['*'] }), request)).toBe(false);
    expect(statementApplies(st({ notResources: ['arn:aws:s3:::phi/orthopedics/*'] }), request)).toBe(true);
    expect(statementApplies(st({ notResources: ['arn:aws:s3:::phi/cardiology/*', 'arn:aws:s3:::other/*'] }), request)).toBe(false);
  });
  test('an empty NotResource is none: the Resource list decides', () => {
    expect(statementApplies(st({ notResources: [] }), request)).toBe(false);
    expect(statementApplies(st({ resources: ['arn:aws:s3:::phi/*'], notResources: [] }), request)).toBe(true);
  });
  test('conditions last, only when action and resource match', () => {
    expect(statementApplies(st({ resources: ['*'], conditions: { StringEquals: { 'aws:username': 'rpatel' } } }), request)).toBe(false);
    expect(statementApplies(st({ actions: ['s3:PutObject'], resources: ['*'], conditions: { StringEqualz: { 'aws:username': 'jdoe' } } }), request)).toBe(false);
    expect(statementApplies(st({ resources: ['*'], conditions: { StringEqualz: { 'aws:username': 'jdoe' } } }), request)).toEqual({ unsupported: expect.stringContaining('StringEqualz') });
  });
});
