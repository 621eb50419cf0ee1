import { CHECKS } from '../../lib/controls/catalog';
import { auditWindow, buildReport } from '../../checks/audit';
import { loadEvidenceDir } from '../../checks/evidence/evidence-dir';
import { loadRegister } from '../../checks/register/load';
import { ALL_CHECKS } from '../../checks/rules/all-checks';
import { relevantEvents } from '../../checks/rules/relevance';
import { AS_OF, config } from './helpers';

describe('the checks', () => {
  test('are exactly the catalog\'s, in its order', () => {
    expect(ALL_CHECKS.map((c) => c.check)).toEqual(CHECKS.map((c) => c.check));
  });
});

describe('the example evidence, as of 2026-11-20 noon UTC', () => {
  test('flags every rule once where planted, and none of the traps', async () => {
    const c = config();
    const window = auditWindow(AS_OF, 30);
    const register = loadRegister('test/fixtures/register/example.json');
    const watched = register.ok ? (register.register.watchList ?? []) : [];
    const { model, inputs } = await loadEvidenceDir('test/fixtures/evidence/example', { window, keep: relevantEvents(c, watched) });
    const report = buildReport({ config: c, model, inputs, register, window, generatedAt: AS_OF });
    expect(report.findings.map((f) => `${f.rule}:${f.principal}:${f.severity}`).sort()).toEqual(
      [
        'departed-person-active:tnguyen:high',
        'password-unused:rpatel:medium',
        'access-key-unused:opsadmin:medium',
        'access-key-not-rotated:mgarcia:medium',
        'unowned-identity:billing-shared:high',
        'service-account-console:ci-deployer:high',
        'concurrent-console-sessions:mgarcia:high',
        'access-key-multiple-origins:ci-deployer:high',
        'excess-group:rpatel:high',
        'excess-group:hmartin:high',
        'direct-policy:kchen:medium',
        'admin-equivalent:hmartin:high',
        'outside-network:mgarcia:high',
        'outside-network:ci-deployer:high',
        'out-of-specialty:jdoe:high',
        'after-hours:rpatel:medium',
        'after-hours:mgarcia:medium',
        'ai-service-without-baa:mgarcia:high',
        'ai-logging-disabled:opsadmin:high',
        'unattested-ai-codes:CLM-2026-111910:high',
        'attested-by-non-coder:jdoe:high',
        'rubber-stamp:rpatel:medium',
        'watched-record-access:mgarcia:high',
        'watched-record-access:rpatel:medium',
        'notification-overdue:2026-03:high',
        'notification-due-soon:2026-05:medium',
        'console-without-mfa:kchen:high',
        'console-without-mfa:tnguyen:high',
        'console-without-mfa:ci-deployer:high',
        'excess-phi-reach:rpatel:high',
        'excess-phi-reach:hmartin:high',
        'privilege-escalation:hmartin:high',
        'used-after-departure:tnguyen:high',
        'sign-in-without-mfa:tnguyen:high',
        'outside-network:rpatel:high',
        'logging-stopped:opsadmin:high',
        'retention-weakened:kchen:medium',
      ].sort(),
    );
    // Traps: the new hire, jdoe's two VPN sign-ins, the hidden failed sign-in, the AWS-service call,
    // the VPC endpoint call, the events outside the window, the 07:30 EDT access, the departed user without credentials.
    const principals = report.findings.map((f) => f.principal);
    expect(principals).not.toContain('bsmith');
    expect(principals).not.toContain('HIDDEN_DUE_TO_SECURITY_REASONS');
    expect(report.findings.filter((f) => f.principal === 'jdoe').map((f) => f.rule)).toEqual(['out-of-specialty', 'attested-by-non-coder']);
    expect(report.findings.filter((f) => f.principal === 'kchen').map((f) => f.rule).sort()).toEqual(['console-without-mfa', 'direct-policy', 'retention-weakened']);
    // CloudFormation deploying the stack (PutBucketPolicy invoked by cloudformation.amazonaws.com) and StartLogging are not tampering.
    expect(report.findings.filter((f) => f.check === 'audit-integrity').map((f) => `${f.rule}:${f.principal}`).sort()).toEqual(['logging-stopped:opsadmin', 'retention-weakened:kchen']);
    expect(report.findings.filter((f) => f.principal === 'hmartin').map((f) => f.rule)).not.toContain('outside-network');
    expect(report.findings.find((f) => f.rule === 'after-hours' && f.principal === 'rpatel')?.evidence.count).toBe(1);
    expect(report.findings.find((f) => f.rule === 'outside-network' && f.principal === 'mgarcia')?.evidence.count).toBe(1);
    // AI traps: jdoe's Anthropic calls (inference profile id and foundation-model ARN) are covered, the denied Meta call is not a use;
    // mgarcia's four fast attestations and one at exactly 15 s are not a rubber stamp.
    expect(report.findings.find((f) => f.rule === 'ai-service-without-baa')?.evidence).toMatchObject({ service: 'bedrock', provider: 'meta', count: 2 });
    expect(report.findings.map((f) => `${f.rule}:${f.principal}`)).not.toContain('rubber-stamp:mgarcia');
    expect(report.findings.find((f) => f.rule === 'notification-overdue')?.evidence).toMatchObject({ notice: 'media:TX', deadline: '2026-11-13' });
    expect(report.checks.every((c) => c.status === 'ok')).toBe(true);
    expect(report.checklist[1].reasons).toContain('AI service bedrock with model provider meta used without a BAA covering it, by mgarcia (ai-use ai-service-without-baa)');
    expect(report.checklist.map((i) => i.status)).toEqual(['pass', 'fail', 'fail', 'pass', 'fail', 'fail', 'pass', 'fail']);
  });
});
