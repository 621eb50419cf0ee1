import type { CfnResource, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, type NagPackProps, NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { citationOf, longCitation, shortCitation } from './citations';
import { AutomaticLogoff } from './rules/AutomaticLogoff';
import { ClientVpnHardened } from './rules/ClientVpnHardened';
import { ConsoleEndpointsPinned } from './rules/ConsoleEndpointsPinned';
import { LogRetentionSixYears } from './rules/LogRetentionSixYears';
import { NetworkGuardPinned } from './rules/NetworkGuardPinned';
import { PeopleGroupMfa } from './rules/PeopleGroupMfa';
import { PhiBucketNetworkAndTls } from './rules/PhiBucketNetworkAndTls';
import { PhiMinimumNecessary } from './rules/PhiMinimumNecessary';
import { withRuleCache } from './rules/resolve';
import { type CodingRule, PACK_NAME, ruleIdOf } from './rules/rule';
import { TrailBucketObjectLock } from './rules/TrailBucketObjectLock';
import { TrailIntegrity } from './rules/TrailIntegrity';
import { UniquePersonIdentities } from './rules/UniquePersonIdentities';
import { VpnAuthorizedToVpcOnly } from './rules/VpnAuthorizedToVpcOnly';
import { VpnNoInternetRoute } from './rules/VpnNoInternetRoute';
import { WorkstationDataControls } from './rules/WorkstationDataControls';

/** The pack's rules, in the order they are reported. A test pins this list. */
export const CODING_RULES: readonly CodingRule[] = [
  LogRetentionSixYears,
  TrailBucketObjectLock,
  TrailIntegrity,
  PhiBucketNetworkAndTls,
  PhiMinimumNecessary,
  UniquePersonIdentities,
  PeopleGroupMfa,
  AutomaticLogoff,
  WorkstationDataControls,
  ClientVpnHardened,
  VpnAuthorizedToVpcOnly,
  VpnNoInternetRoute,
  ConsoleEndpointsPinned,
  NetworkGuardPinned,
];

/** The rule's one-line message, citing what it protects. */
export function infoOf(rule: CodingRule): string {
  return `${rule.info} (${shortCitation(citationOf(ruleIdOf(rule)))})`;
}

export function explanationOf(rule: CodingRule): string {
  return `${rule.explanation} ${longCitation(citationOf(ruleIdOf(rule)))}`;
}

/** cdk-nag's verdict from a rule's problems: none applicable, none found, or some. */
export function complianceOf(problems: string[] | undefined): NagRuleResult {
  if (problems === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  return problems.length === 0 ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

/**
 * Our HIPAA rules for a medical-coding environment: what the public packs do not check
 * (six-year retention, Object Lock, automatic logoff, Client VPN, VPC-only PHI access, minimum
 * necessary, shared identities, MFA). Every rule is an error: it fails synth.
 */
export class HipaaCodingChecks extends NagPack {
  public readonly name = PACK_NAME;
  public readonly ruleIds = CODING_RULES.map(ruleIdOf);

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = PACK_NAME;
  }

  /** One validation run resolves each resource once (lib rules look up their neighbours). */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return withRuleCache(() => super.validateScope(scope));
  }

  protected checkResource(node: CfnResource): void {
    for (const rule of CODING_RULES) {
      if (!rule.resourceTypes.includes(node.cfnResourceType)) continue;
      this.applyRule({
        ruleSuffixOverride: rule.id,
        info: infoOf(rule),
        explanation: explanationOf(rule),
        level: NagMessageLevel.ERROR,
        node,
        rule: (resource: CfnResource) => complianceOf(rule.evaluate(resource)),
      });
    }
  }
}

export { PACK_NAME, ruleIdOf };
