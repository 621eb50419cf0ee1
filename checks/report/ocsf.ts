import { CHECKS } from '../../lib/controls/catalog';
import type { Report, Severity } from '../report-model';
import { PACKAGE_NAME, TOOL_NAME, TOOL_VERSION } from '../version';
import { exportIds, type IdentifiedFinding } from './finding-id';
import type { ReportWriter } from './writer';

/**
 * report.ocsf.json: every finding as an OCSF Detection Finding (class 2004, category 2
 * Findings), for security data lakes and SIEMs (Amazon Security Lake, Splunk, ...). A JSON array
 * of events, one per finding, in the report's order. Pure: the report in, text out.
 */
export const OCSF_VERSION = '1.8.0';

export const ocsfWriter: ReportWriter = {
  fileName: 'report.ocsf.json',
  contentType: 'application/json',
  render: (report) => `${JSON.stringify(toOcsf(report), null, 2)}\n`,
};

/** OCSF severity_id: 2 Low, 3 Medium, 4 High. */
const SEVERITY: Record<Severity, { readonly id: number; readonly name: string }> = {
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
};

const CLASS_UID = 2004;
const ACTIVITY_CREATE = 1;

export interface OcsfDetectionFinding {
  readonly class_uid: 2004;
  readonly class_name: 'Detection Finding';
  readonly category_uid: 2;
  readonly category_name: 'Findings';
  readonly activity_id: 1;
  readonly activity_name: 'Create';
  readonly type_uid: number;
  readonly type_name: string;
  readonly severity_id: number;
  readonly severity: string;
  readonly time: number;
  readonly start_time: number;
  readonly end_time: number;
  readonly status_id: 1;
  readonly status: 'New';
  readonly is_alert: boolean;
  readonly message: string;
  readonly metadata: {
    readonly version: string;
    readonly product: { readonly name: string; readonly vendor_name: string; readonly version: string };
    readonly log_name: string;
  };
  readonly finding_info: {
    readonly uid: string;
    readonly title: string;
    readonly desc: string;
    readonly types: string[];
    readonly analytic: { readonly uid: string; readonly name: string; readonly type_id: 1; readonly type: 'Rule'; readonly category: string };
  };
  readonly resources: { readonly type: 'AWS::IAM::User'; readonly name: string; readonly role_id: 3; readonly role: 'Affected' }[];
  readonly remediation?: { readonly desc: string };
  readonly cloud?: { readonly provider: 'AWS'; readonly account: { readonly uid: string; readonly type_id: 10; readonly type: 'AWS Account' } };
  /** The finding's evidence as report.json holds it (event ids, times, addresses, groups). */
  readonly unmapped: { readonly check: string; readonly rule: string; readonly evidence: Record<string, unknown> };
}

export function toOcsf(report: Report): OcsfDetectionFinding[] {
  const findings: readonly IdentifiedFinding[] = report.findings;
  const ids = exportIds(findings);
  const time = Date.parse(report.generatedAt);
  const window = { start_time: Date.parse(report.window.from), end_time: Date.parse(report.window.to) };
  return findings.map((f, i): OcsfDetectionFinding => {
    const info = CHECKS.find((c) => c.check === f.check);
    const severity = SEVERITY[f.severity];
    return {
      class_uid: CLASS_UID,
      class_name: 'Detection Finding',
      category_uid: 2,
      category_name: 'Findings',
      activity_id: ACTIVITY_CREATE,
      activity_name: 'Create',
      type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
      type_name: 'Detection Finding: Create',
      severity_id: severity.id,
      severity: severity.name,
      time,
      ...window,
      status_id: 1,
      status: 'New',
      is_alert: f.severity === 'high',
      message: f.summary,
      metadata: { version: OCSF_VERSION, product: { name: TOOL_NAME, vendor_name: PACKAGE_NAME, version: TOOL_VERSION }, log_name: 'report.json' },
      finding_info: {
        uid: ids[i],
        title: `${info?.title ?? f.check}: ${f.rule}`,
        desc: f.summary,
        types: [f.check],
        analytic: { uid: `${f.check}/${f.rule}`, name: f.rule, type_id: 1, type: 'Rule', category: f.check },
      },
      resources: [{ type: 'AWS::IAM::User', name: f.principal, role_id: 3, role: 'Affected' }],
      ...(info ? { remediation: { desc: info.remediation } } : {}),
      ...(f.account ? { cloud: { provider: 'AWS' as const, account: { uid: f.account, type_id: 10 as const, type: 'AWS Account' as const } } } : {}),
      unmapped: { check: f.check, rule: f.rule, evidence: f.evidence },
    };
  });
}
