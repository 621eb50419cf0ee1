import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { CHECKS } from '../../lib/controls/catalog';
import type { Report, Severity } from '../report-model';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { exportIds, type IdentifiedFinding } from './finding-id';

/**
 * The report's findings in the AWS Security Finding Format (ASFF) for `BatchImportFindings`.
 * Pure. Only what the rules established goes in: the check, rule, principal, severity, the
 * one-line summary and what to do; never the evidence (user agents, event ids, object keys).
 * The finding's id and the product ARN make a re-import update the same Security Hub finding.
 */

export interface SecurityHubTarget {
  /** `arn:<partition>:securityhub:<region>:<account>:product/<account>/default`. */
  readonly productArn: string;
  /** The account the audit read (single-account findings); multi-account findings carry their own. */
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

export function defaultProductArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:securityhub:${region}:${accountId}:product/${accountId}/default`;
}

const LABEL: Record<Severity, 'HIGH' | 'MEDIUM' | 'LOW'> = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };
/** Checks whose principal is not an IAM user (a person id, a claim, an incident). */
const NOT_IAM_USERS = new Set(['ai-attestation', 'breach-notification']);

// Security Hub's field limits (BatchImportFindings refuses longer values).
const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function toAsff(report: Report, target: SecurityHubTarget): AwsSecurityFinding[] {
  const findings: readonly IdentifiedFinding[] = report.findings;
  const ids = exportIds(findings);
  return findings.map((f, i): AwsSecurityFinding => {
    const info = CHECKS.find((c) => c.check === f.check);
    const account = f.account ?? target.accountId;
    const resource = NOT_IAM_USERS.has(f.check)
      ? { Type: 'Other', Id: cut(`${f.check}/${f.principal}`, 512) }
      : { Type: 'AwsIamUser', Id: `arn:${target.partition}:iam::${account}:user/${f.principal}` };
    return {
      SchemaVersion: '2018-10-08',
      Id: ids[i],
      ProductArn: target.productArn,
      ProductName: TOOL_NAME,
      CompanyName: 'hipaa-coding-env',
      GeneratorId: `${TOOL_NAME}/${f.check}/${f.rule}`,
      AwsAccountId: account,
      Region: target.region,
      Types: ['Software and Configuration Checks/Industry and Regulatory Standards/HIPAA Controls'],
      CreatedAt: report.generatedAt,
      UpdatedAt: report.generatedAt,
      Severity: { Label: LABEL[f.severity], Original: f.severity },
      Title: cut(`${info?.title ?? f.check}: ${f.rule}`, 256),
      Description: cut(f.summary, 1024),
      ...(info ? { Remediation: { Recommendation: { Text: cut(info.remediation, 512) } } } : {}),
      Resources: [{ ...resource, Partition: target.partition as 'aws', Region: target.region }],
      Compliance: { Status: 'FAILED', RelatedRequirements: (info?.cfr ?? []).slice(0, 32).map((c) => `HIPAA 45 CFR ${c}`) },
      ProductFields: {
        'coding-env/check': f.check,
        'coding-env/rule': f.rule,
        'coding-env/principal': cut(f.principal, 2048),
        'coding-env/asOf': report.asOf,
        'coding-env/version': TOOL_VERSION,
      },
      RecordState: 'ACTIVE',
    };
  });
}
