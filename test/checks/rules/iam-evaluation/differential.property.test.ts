import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { decide } from '../../../../checks/rules/iam-evaluation/decision';
import { requestContext } from '../../../../checks/rules/iam-evaluation/request-context';
import { ACCOUNT, policy, PRINCIPAL_ARN, request, statementJson } from './generators';

/**
 * Our decisions against @cloud-copilot/iam-simulate's (a devDependency: AGPL code may run in
 * tests, never in what ships) over generated identity policies and requests: same decision,
 * every time, and never "unsupported" inside the subset the generators draw from.
 */
/** More runs on demand (IAM_DIFFERENTIAL_RUNS=50000 was run while building the evaluator). */
const RUNS = Number(process.env.IAM_DIFFERENTIAL_RUNS ?? 2000);

describe('the IAM evaluator agrees with iam-simulate (property-based)', () => {
  test('same decision for every generated policy set and request', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(policy, { minLength: 1, maxLength: 3 }), request, (policies, r) => {
        const ours = decide(policies, { action: r.action, resource: r.resource, context: requestContext(r.context) });
        const theirs = runUnsafeSimulation(
          {
            request: { principal: PRINCIPAL_ARN, action: r.action, resource: { resource: r.resource, accountId: ACCOUNT }, contextVariables: r.context },
            identityPolicies: policies.map((statements, i) => ({ name: `p${i}`, policy: { Version: '2012-10-17', Statement: statements.map(statementJson) } })),
            serviceControlPolicies: [],
            resourceControlPolicies: [],
          },
          {},
        );
        expect(ours).toBe(theirs);
        seen.set(theirs, (seen.get(theirs) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    // The generators must reach every decision often, or agreement would prove little.
    if (process.env.IAM_DIFFERENTIAL_STATS) console.log(Object.fromEntries(seen));
    for (const decision of ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']) expect(seen.get(decision) ?? 0).toBeGreaterThan(RUNS / 20);
  });
});
