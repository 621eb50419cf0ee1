import { defaultProductArn, toAsff } from '../../../checks/report/asff';
import type { Report } from '../../../checks/report-model';
import { sampleReport } from './sample-report';

const target = { productArn: defaultProductArn('aws', 'us-east-1', '111122223333'), accountId: '111122223333', region: 'us-east-1', partition: 'aws' };

describe('toAsff: Security Hub field limits and catalog lookups', () => {
  const base = sampleReport();
  const one = (over: Partial<Report['findings'][number]>) => toAsff({ ...base, findings: [{ ...base.findings[0], ...over }] }, target)[0];

  test('a summary over 1,024 characters is cut to 1,023 and an ellipsis; one of exactly 1,024 is kept whole', () => {
    const long = `${'a'.repeat(1022)}bcdef`;
    expect(one({ summary: long }).Description).toBe(`${'a'.repeat(1022)}b…`);
    const exact = 'x'.repeat(1024);
    expect(one({ summary: exact }).Description).toBe(exact);
  });

  test('a non-IAM principal\'s resource id over 512 characters is cut the same way', () => {
    const resource = one({ check: 'breach-notification', rule: 'notification-overdue', principal: 'p'.repeat(600) }).Resources?.[0];
    expect(resource?.Id).toBe(`breach-notification/${'p'.repeat(511 - 'breach-notification/'.length)}…`);
    expect(resource?.Id).toHaveLength(512);
  });

  test('a check the catalog does not know: titled by its id, no remediation, no related requirements', () => {
    const f = one({ check: 'not-in-catalog', rule: 'some-rule' });
    expect(f.Title).toBe('not-in-catalog: some-rule');
    expect(f.Remediation).toBeUndefined();
    expect(f.Compliance).toEqual({ Status: 'FAILED', RelatedRequirements: [] });
  });
});
