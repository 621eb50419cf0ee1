import { exportIds } from '../../../checks/report/finding-id';
import { OCSF_VERSION, ocsfWriter, toOcsf } from '../../../checks/report/ocsf';
import { REPORT_WRITERS } from '../../../checks/report/writers';
import type { Report } from '../../../checks/report-model';
import { sampleReport } from './sample-report';

/**
 * What OCSF 1.8.0 requires of a Detection Finding (class 2004), from the schema's own files
 * (ocsf/ocsf-schema, tag 1.8.0): events/base_event.json (activity_id, category_uid, class_uid,
 * metadata, severity_id, time, type_uid), events/findings/finding.json (finding_info), and the
 * objects they require: metadata.json (product, version), product.json (an _entity: name or uid),
 * finding_info.json (uid), analytic.json (type_id), remediation.json (desc), cloud.json (provider).
 * Enums from dictionary.json and finding.json.
 */
const REQUIRED: Record<string, (v: unknown) => boolean> = {
  class_uid: (v) => v === 2004,
  category_uid: (v) => v === 2,
  activity_id: (v) => v === 1 || v === 2 || v === 3 || v === 99,
  type_uid: (v) => typeof v === 'number' && Number.isInteger(v),
  severity_id: (v) => [0, 1, 2, 3, 4, 5, 6, 99].includes(v as number),
  time: (v) => typeof v === 'number' && Number.isInteger(v) && v > 0,
  metadata: (v) => typeof v === 'object' && v !== null,
  'metadata.version': (v) => typeof v === 'string' && /^\d+\.\d+\.\d+/.test(v),
  'metadata.product': (v) => typeof v === 'object' && v !== null,
  finding_info: (v) => typeof v === 'object' && v !== null,
  'finding_info.uid': (v) => typeof v === 'string' && v !== '',
};

function get(event: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined), event);
}

/** Every problem of one event against the required fields and the constraints between them. */
function problems(event: Record<string, unknown>): string[] {
  const out = Object.entries(REQUIRED).filter(([path, ok]) => !ok(get(event, path))).map(([path]) => `${path} missing or invalid`);
  if (event.type_uid !== (event.class_uid as number) * 100 + (event.activity_id as number)) out.push('type_uid is not class_uid * 100 + activity_id');
  const product = get(event, 'metadata.product') as Record<string, unknown> | undefined;
  if (product && typeof product.name !== 'string' && typeof product.uid !== 'string') out.push('metadata.product needs name or uid');
  const analytic = get(event, 'finding_info.analytic');
  if (analytic !== undefined && typeof get(event, 'finding_info.analytic.type_id') !== 'number') out.push('finding_info.analytic.type_id missing');
  if (event.remediation !== undefined && typeof get(event, 'remediation.desc') !== 'string') out.push('remediation.desc missing');
  if (event.cloud !== undefined && typeof get(event, 'cloud.provider') !== 'string') out.push('cloud.provider missing');
  for (const r of (event.resources as unknown[] | undefined) ?? []) {
    const res = r as Record<string, unknown>;
    if (typeof res.name !== 'string' && typeof res.uid !== 'string') out.push('a resource needs name or uid');
  }
  return out;
}

describe('report.ocsf.json', () => {
  const report = sampleReport();
  const events = JSON.parse(ocsfWriter.render(report)) as Record<string, unknown>[];

  test('is written by the audit and the scheduled report beside report.json', () => {
    expect(REPORT_WRITERS.map((w) => w.fileName)).toContain('report.ocsf.json');
    expect(ocsfWriter.contentType).toBe('application/json');
  });

  test('one Detection Finding per finding, each with every field OCSF requires', () => {
    expect(events).toHaveLength(report.findings.length);
    for (const e of events) expect(problems(e)).toEqual([]);
    expect(events[0]).toMatchObject({ class_uid: 2004, category_uid: 2, activity_id: 1, type_uid: 200401, metadata: { version: OCSF_VERSION, product: { name: 'coding-env' } } });
  });

  test('the checker is not a rubber stamp: an event missing a required field is refused', () => {
    const { finding_info: _drop, ...noInfo } = events[0];
    expect(problems(noInfo)).toContain('finding_info missing or invalid');
    expect(problems({ ...events[0], type_uid: 1 })).toContain('type_uid is not class_uid * 100 + activity_id');
    expect(problems({ ...events[0], severity_id: 7 })).toContain('severity_id missing or invalid');
    expect(problems({ ...events[0], metadata: { version: '1.8.0', product: {} } })).toContain('metadata.product needs name or uid');
  });

  test('maps severity, principal, rule, summary, remediation and the window', () => {
    const high = report.findings.findIndex((f) => f.severity === 'high');
    const e = events[high];
    const f = report.findings[high];
    expect(e).toMatchObject({
      severity_id: 4,
      severity: 'High',
      is_alert: true,
      message: f.summary,
      time: Date.parse(report.generatedAt),
      start_time: Date.parse(report.window.from),
      end_time: Date.parse(report.window.to),
      finding_info: { desc: f.summary, types: [f.check], analytic: { name: f.rule, type_id: 1 } },
      resources: [{ type: 'AWS::IAM::User', name: f.principal }],
      remediation: { desc: expect.any(String) },
      unmapped: { check: f.check, rule: f.rule, evidence: f.evidence },
    });
    const medium = events[report.findings.findIndex((x) => x.severity === 'medium')];
    expect(medium).toMatchObject({ severity_id: 3, is_alert: false });
  });

  test('finding ids: the report\'s own id when present, else a deterministic hash, distinct within a report', () => {
    const ids = toOcsf(report).map((e) => e.finding_info.uid);
    expect(new Set(ids).size).toBe(ids.length);
    expect(toOcsf(report).map((e) => e.finding_info.uid)).toEqual(ids);
    const withIds: Report = { ...report, findings: report.findings.map((f, i) => Object.assign({}, f, { id: `id-${i}` })) };
    expect(toOcsf(withIds).map((e) => e.finding_info.uid)).toEqual(report.findings.map((_, i) => `id-${i}`));
    const twin = report.findings[0];
    expect(exportIds([twin, { ...twin, summary: 'other' }])).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/), expect.stringMatching(/^[0-9a-f]{32}-2$/)]);
  });

  test('multi-account findings carry the account as the cloud account', () => {
    const multi: Report = { ...report, findings: [Object.assign({}, report.findings[0], { account: '111122223333' })] };
    expect(toOcsf(multi)[0].cloud).toEqual({ provider: 'AWS', account: { uid: '111122223333', type_id: 10, type: 'AWS Account' } });
    expect(toOcsf(report)[0].cloud).toBeUndefined();
  });
});
