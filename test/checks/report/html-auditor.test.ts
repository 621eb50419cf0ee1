import { exceptionsSection } from '../../../checks/report/html-auditor';
import type { Report } from '../../../checks/report-model';
import { sampleReport } from './sample-report';

const printed = (html: string) => html.slice(html.indexOf('exceptions-print'));

describe('accepted exceptions on paper', () => {
  const same = { compensatingControl: 'first passwords expire at first sign-in', owner: 'platform-engineering', reviewBy: '2027-06-30' };
  const exceptions: NonNullable<Report['exceptions']> = [
    { rule: 'AwsSolutions-SMG4', path: 'CodingEnv/Roster1/FirstPasswords', ...same },
    { rule: 'AwsSolutions-SMG4', path: 'CodingEnv/Roster2/FirstPasswords', ...same },
    { rule: 'HIPAA.Security-SecretsManagerRotationEnabled', path: 'CodingEnv/Roster1/FirstPasswords', ...same },
    { rule: 'HIPAA.Security-SecretsManagerRotationEnabled', path: 'CodingEnv/Roster2/FirstPasswords', ...same },
    { rule: 'AwsSolutions-IAM5', compensatingControl: 'read-only, <b>KMS</b>', reviewBy: '2027-01-01' },
  ];
  const html = exceptionsSection({ ...sampleReport(), exceptions });

  test('prints a shared compensating control once, naming every rule and path', () => {
    const paper = printed(html);
    expect(paper.split('first passwords expire at first sign-in').length - 1).toBe(1);
    for (const x of exceptions) {
      expect(paper).toContain(x.rule);
      if (x.path) expect(paper).toContain(x.path);
    }
    expect(paper).toContain('AwsSolutions-SMG4</code>, <code>HIPAA.Security-SecretsManagerRotationEnabled');
    expect(paper).toContain('review by 2027-06-30');
  });

  test('an exception without a path or owner says so, escaped', () => {
    const paper = printed(html);
    expect(paper).toContain('whole app');
    expect(paper).toContain('Owner not named; review by 2027-01-01');
    expect(paper).toContain('read-only, &lt;b&gt;KMS&lt;/b&gt;');
    expect(paper).not.toContain('<b>');
  });

  test('prints each owner and review date once, above the exceptions they hold, with their count', () => {
    const paper = printed(html);
    expect(paper.split('Owner platform-engineering; review by 2027-06-30').length - 1).toBe(1);
    expect(paper).toContain('Owner platform-engineering; review by 2027-06-30 <span class="cfr">(4 exceptions)</span>');
    expect(paper).toContain('Owner not named; review by 2027-01-01 <span class="cfr">(1 exception)</span>');
    expect(paper.indexOf('Owner platform-engineering')).toBeLessThan(paper.indexOf('first passwords expire'));
    expect(paper.indexOf('first passwords expire')).toBeLessThan(paper.indexOf('Owner not named'));
    expect(paper.indexOf('Owner not named')).toBeLessThan(paper.indexOf('read-only, &lt;b&gt;KMS'));
  });

  test('the screen table keeps one row per exception', () => {
    expect(html.slice(0, html.indexOf('exceptions-print')).match(/<tr><td><code>/g)).toHaveLength(exceptions.length);
  });
});
