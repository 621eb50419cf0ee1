import type { CfnResource } from 'aws-cdk-lib';
import { isObject, resourcesInStack, tagValue, templateOf } from './resolve';
import type { CodingRule } from './rule';

export const PERSON_ID_TAG = 'person-id';

/**
 * Passes when an IAM user carries a literal `person-id` tag unique in the stack and has no
 * literal password; an `AWS::IAM::AccessKey` never passes (long-term keys get shared).
 */
export const UniquePersonIdentities: CodingRule = {
  id: 'UniquePersonIdentities',
  info: 'An identity could be shared: an IAM user without a unique person-id tag, a literal password, or an IAM access key.',
  explanation:
    'Every action must trace to one person. Create one IAM user per person tagged person-id=<id> (unique), never an AWS::IAM::AccessKey, ' +
    'and no password in the template: leave LoginProfile out or use a Secrets Manager dynamic reference.',
  resourceTypes: ['AWS::IAM::User', 'AWS::IAM::AccessKey'],
  evaluate(node: CfnResource) {
    if (node.cfnResourceType === 'AWS::IAM::AccessKey') return ['an IAM access key is a long-term credential anyone holding it can use'];
    if (node.cfnResourceType !== 'AWS::IAM::User') return undefined;
    const { logicalId, properties } = templateOf(node);
    const problems: string[] = [];
    const personId = tagValue(properties, PERSON_ID_TAG);
    if (!personId) {
      problems.push(`no literal ${PERSON_ID_TAG} tag`);
    } else {
      const others = resourcesInStack(node, 'AWS::IAM::User')
        .map((u) => templateOf(u))
        .filter((u) => u.logicalId !== logicalId && tagValue(u.properties, PERSON_ID_TAG) === personId);
      if (others.length > 0) problems.push(`${PERSON_ID_TAG} ${personId} is also on ${others.map((u) => u.logicalId).join(', ')}`);
    }
    const password = isObject(properties.LoginProfile) ? properties.LoginProfile.Password : undefined;
    // A dynamic reference or an unresolved token is fetched at deploy time; a plain string is in the template.
    if (typeof password === 'string' && !password.startsWith('{{resolve:secretsmanager:')) problems.push('LoginProfile.Password is a literal');
    return problems;
  },
};
