import type { CfnResource } from 'aws-cdk-lib';
import { conditionValues, policiesOfGroup, type Statement } from './iam';
import { flatten } from './resolve';
import type { CodingRule } from './rule';

/**
 * Passes when a group (every group holds people: CONTRACT §2) receives a policy that denies
 * when `aws:MultiFactorAuthPresent` is false under BoolIfExists.
 */
export const PeopleGroupMfa: CodingRule = {
  id: 'PeopleGroupMfa',
  info: 'A group of people has no policy that denies requests made without MFA (BoolIfExists aws:MultiFactorAuthPresent "false").',
  explanation:
    'A password alone must not open charts. Attach the guard policy to every people group: Deny NotAction (the MFA self-service actions) on "*" ' +
    'with BoolIfExists aws:MultiFactorAuthPresent "false". BoolIfExists, not Bool: requests signed with long-term keys carry no MFA key at all.',
  resourceTypes: ['AWS::IAM::Group'],
  evaluate(node: CfnResource) {
    if (node.cfnResourceType !== 'AWS::IAM::Group') return undefined;
    const guarded = policiesOfGroup(node).some((p) => p.statements.some(deniesWithoutMfa));
    return guarded ? [] : ['no attached Deny with BoolIfExists aws:MultiFactorAuthPresent "false" on all actions'];
  },
};

function deniesWithoutMfa(s: Statement): boolean {
  const broad = s.notActions || s.actions.includes('*');
  const onEverything = s.notResources || s.resources.map(flatten).includes('*');
  return s.effect === 'Deny' && broad && onEverything && conditionValues(s.condition, 'BoolIfExists', 'aws:MultiFactorAuthPresent').some((v) => flatten(v) === 'false');
}
