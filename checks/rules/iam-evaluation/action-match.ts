import { globMatches, wildcards } from './glob';
import { type Outcome, unsupported } from './outcome';

/**
 * Whether an `Action`/`NotAction` entry covers a request's action (`service:Name`). As IAM
 * matches: `*` is every action; otherwise the service prefix is compared exactly and the action
 * name with `*`/`?` wildcards, both case-insensitively (`S3:getobj?ct` covers `s3:GetObject`).
 * IAM refuses a wildcard in the service prefix or an entry without one: such an entry is
 * `Unsupported` rather than guessed.
 */
export function actionMatches(pattern: string, action: string): Outcome {
  if (pattern === '*') return true;
  const colon = pattern.indexOf(':');
  if (colon <= 0 || colon === pattern.length - 1) return unsupported(`action "${pattern}" (not service:action)`);
  const service = pattern.slice(0, colon);
  if (/[*?]/.test(service)) return unsupported(`action "${pattern}" (a wildcard in the service prefix)`);
  const requested = action.indexOf(':');
  if (requested < 0) return false;
  if (service.toLowerCase() !== action.slice(0, requested).toLowerCase()) return false;
  return globMatches(wildcards(pattern.slice(colon + 1)), action.slice(requested + 1), { ignoreCase: true });
}
