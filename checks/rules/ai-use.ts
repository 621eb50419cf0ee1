import type { Vendor } from '../../lib/config/schema';
import type { AuditEvent } from '../model/events';
import type { Register } from '../register/schema';
import type { Finding } from '../report-model';
import { AI_SERVICE_NAMES, type AiCall, aiCall, disablesAiLogging } from './ai-services';
import { baaProblem } from './baa';
import { type CheckDefinition, peopleById, type RuleContext, sample, serviceAccountNames } from './context';
import { groupBy } from './group-by';

/** CloudFormation's calls are deployments, not a person's use. */
const CLOUDFORMATION = 'cloudformation.amazonaws.com';

/**
 * AI services touching PHI with no BAA behind them, and Bedrock's invocation logging switched
 * off. Reads the register for the BAAs (the same test as checklist item 2).
 */
export const aiUse: CheckDefinition = {
  check: 'ai-use',
  needs: ['events', 'register'],
  registerSections: ['baas'],
  run({ events, register }, ctx) {
    return [...aiServiceWithoutBaa(events, register, ctx), ...aiLoggingDisabled(events)];
  },
};

/** Why each AI vendor does not cover a call; empty when one does. */
export function uncoveredBecause(call: AiCall, vendors: readonly Vendor[], register: Register, asOfDate: string): string[] | undefined {
  const reasons: string[] = [];
  for (const v of vendors.filter((x) => x.kind === 'ai')) {
    const why = !v.touchesPhi
      ? 'is not declared as touching PHI'
      : (baaProblem(v.name, register.baas, asOfDate) ??
        (!v.awsServices.includes(call.service)
          ? `its BAA does not list ${call.service} in awsServices`
          : call.provider !== undefined && v.modelProviders.length > 0 && !v.modelProviders.includes(call.provider)
            ? `its BAA covers the model providers ${v.modelProviders.join(', ')}, not ${call.provider}`
            : undefined));
    if (why === undefined) return undefined;
    reasons.push(`${v.name}: ${why}`);
  }
  return reasons.length > 0 ? reasons : ['no vendor of kind "ai" is declared'];
}

function aiServiceWithoutBaa(events: readonly AuditEvent[], register: Register, ctx: RuleContext): Finding[] {
  const people = peopleById(ctx.config);
  const services = serviceAccountNames(ctx.config);
  const calls = events.flatMap((e) => {
    if (!e.success || e.invokedBy === CLOUDFORMATION) return [];
    if (e.identityType !== 'IAMUser') return [];
    // Stryker disable next-line ConditionalExpression: a record without a user name is in neither list either; the guard is for the type checker.
    if (e.userName === undefined) return [];
    if (!(people.has(e.userName) || services.has(e.userName))) return [];
    const call = aiCall(e);
    return call ? [{ e, call }] : [];
  });
  const findings: Finding[] = [];
  for (const list of groupBy(calls, (x) => JSON.stringify([x.e.userName, x.call.service, x.call.provider])).values()) {
    const { e, call } = list[0];
    const why = uncoveredBecause(call, ctx.config.vendors, register, ctx.asOfDate);
    if (why === undefined) continue;
    const user = e.userName as string;
    const what = `${AI_SERVICE_NAMES[call.service]}${call.provider === undefined ? '' : ` (model provider ${call.provider})`}`;
    const models = [...new Set(list.flatMap((x) => (x.call.modelId === undefined ? [] : [x.call.modelId])))];
    findings.push({
      check: 'ai-use',
      rule: 'ai-service-without-baa',
      principal: user,
      severity: 'high',
      summary: `${user} called ${what} ${list.length} time${list.length === 1 ? '' : 's'} (first ${e.time}) with no BAA covering it: stop sending PHI there until a BAA lists ${call.service}${call.provider === undefined ? '' : ` and ${call.provider}`}.`,
      evidence: {
        service: call.service,
        ...(call.provider === undefined ? {} : { provider: call.provider }),
        ...(models.length > 0 ? { models: sample(models) } : {}),
        count: list.length,
        first: e.time,
        last: list[list.length - 1].e.time,
        notCoveredBecause: why,
        events: sample(list).map((x) => brief(x.e)),
      },
    });
  }
  return findings;
}

function aiLoggingDisabled(events: readonly AuditEvent[]): Finding[] {
  const hits = events.filter((e) => disablesAiLogging(e) && e.success && e.invokedBy !== CLOUDFORMATION);
  return [...groupBy(hits, principalOf).entries()].map(([principal, list]) => ({
    check: 'ai-use',
    rule: 'ai-logging-disabled',
    principal,
    severity: 'high',
    summary: `${principal} turned off Amazon Bedrock model-invocation logging (${list[0].time}${list.length > 1 ? `, ${list.length} times` : ''}): prompts and responses with PHI are no longer recorded; turn it back on and ask why.`,
    evidence: { count: list.length, first: list[0].time, events: sample(list).map(brief) },
  }));
}

/** The IAM user, else the role session's ARN. */
function principalOf(e: AuditEvent): string {
  return e.userName ?? e.arn ?? e.identityType;
}

function brief(e: AuditEvent) {
  return { eventId: e.id, time: e.time, eventName: e.eventName, eventSource: e.eventSource, sourceIp: e.sourceIp, ...(e.modelId === undefined ? {} : { modelId: e.modelId }) };
}
