import { App, aws_logs as logs, CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { citationOf } from '../../policies/citations';
import { CODING_RULES, complianceOf, explanationOf, HipaaCodingChecks, infoOf } from '../../policies/hipaa-coding-pack';
import { ruleIdOf } from '../../policies/rules/rule';

describe('HipaaCodingChecks', () => {
  test('the pack lists exactly these rules', () => {
    expect(new HipaaCodingChecks().ruleIds).toEqual([
      'HIPAA.Coding-LogRetentionSixYears',
      'HIPAA.Coding-TrailBucketObjectLock',
      'HIPAA.Coding-TrailIntegrity',
      'HIPAA.Coding-PhiBucketNetworkAndTls',
      'HIPAA.Coding-PhiMinimumNecessary',
      'HIPAA.Coding-UniquePersonIdentities',
      'HIPAA.Coding-PeopleGroupMfa',
      'HIPAA.Coding-AutomaticLogoff',
      'HIPAA.Coding-WorkstationDataControls',
      'HIPAA.Coding-ClientVpnHardened',
      'HIPAA.Coding-VpnAuthorizedToVpcOnly',
      'HIPAA.Coding-VpnNoInternetRoute',
      'HIPAA.Coding-ConsoleEndpointsPinned',
      'HIPAA.Coding-NetworkGuardPinned',
    ]);
  });

  test.each(CODING_RULES.map((r) => [r.id, r] as const))('%s cites its CFR sections and checklist item from the control table', (_id, rule) => {
    const citation = citationOf(ruleIdOf(rule));
    expect(citation.requirements.length).toBeGreaterThan(0);
    expect(citation.cfr.length).toBeGreaterThan(0);
    for (const cfr of citation.cfr) {
      expect(infoOf(rule)).toContain(cfr);
      expect(explanationOf(rule)).toContain(cfr);
    }
    for (const item of citation.checklistItems) expect(explanationOf(rule)).toContain(`item ${item.item} "${item.title}"`);
  });

  test('rule names are explicit: unique, and not derived from the file they live in', () => {
    const ids = CODING_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id) => expect(id).toMatch(/^[A-Z][A-Za-z]+$/));
  });

  test('a failing rule reports an error with its id, the construct path, and the why in verbose mode', () => {
    const app = new App();
    const stack = new Stack(app, 'Env');
    new logs.LogGroup(stack, 'Audit', { retention: logs.RetentionDays.ONE_YEAR });
    app.synth();
    const report = new HipaaCodingChecks(undefined, { verbose: true }).validateScope(stack);
    expect(report.success).toBe(false);
    expect(report.violations).toEqual([
      expect.objectContaining({
        ruleName: 'HIPAA.Coding-LogRetentionSixYears',
        severity: 'error',
        description: expect.stringContaining('164.316(b)(2)(i)'),
        violatingResources: [{ constructPath: 'Env/Audit/Resource', locations: ['Properties'] }],
      }),
    ]);
  });
});

describe('HipaaCodingChecks on raw template resources', () => {
  test('complianceOf: undefined is not applicable, no problems compliant, any problem non-compliant', () => {
    expect(complianceOf(undefined)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(complianceOf([])).toBe(NagRuleCompliance.COMPLIANT);
    expect(complianceOf(['x'])).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('each rule judges only its resource types; every violation is an error at the resource', () => {
    const app = new App();
    const stack = new Stack(app, 'Env');
    new CfnResource(stack, 'Logs', { type: 'AWS::Logs::LogGroup', properties: { RetentionInDays: 30 } });
    new CfnResource(stack, 'Key', { type: 'AWS::IAM::AccessKey', properties: { UserName: 'alice' } });
    // RetentionInDays on a type no rule reads is no finding.
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic', properties: { RetentionInDays: 1 } });
    const report = new HipaaCodingChecks().validateScope(stack);
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => [v.ruleName, v.severity, v.violatingResources.map((r) => r.constructPath)])).toEqual([
      ['HIPAA.Coding-LogRetentionSixYears', 'error', ['Env/Logs']],
      ['HIPAA.Coding-UniquePersonIdentities', 'error', ['Env/Key']],
    ]);
  });
});
