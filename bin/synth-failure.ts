import { InputError } from '../lib/config/load';

/** What the app prints and exits with when synth cannot finish. */
export interface SynthFailure {
  readonly exitCode: 2;
  readonly message: string;
}

/**
 * Every failure at the synth boundary is the user's to fix (their config, context or an
 * acknowledgement): exit 2 with the message, never a stack trace. Our InputError already names
 * every field; CDK's own errors (ValidationError, a construct refusing a value, a failed gate)
 * are reported by their message, which names the construct path.
 */
export function synthFailure(err: unknown): SynthFailure {
  if (err instanceof InputError) return { exitCode: 2, message: err.message };
  if (err instanceof Error) {
    // CDK puts the construct path in the message; the stack trace would only bury it.
    const name = err.name && err.name !== 'Error' ? `${err.name}: ` : '';
    return { exitCode: 2, message: `synth failed: ${name}${err.message.replace(/\n\s+at .*/g, '')}` };
  }
  return { exitCode: 2, message: `synth failed: ${String(err)}` };
}
