import { parseCommand } from '../../../checks/cli/options';
import { UsageError } from '../../../checks/cli/usage';

/** The UsageError parseCommand throws for `argv`; any other outcome fails the test. */
export function usageErrorOf(argv: string[], now = new Date('2026-11-20T12:00:00Z')): UsageError {
  try {
    parseCommand(argv, now);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}
