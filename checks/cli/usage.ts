/** Bad command-line usage: the CLI prints the message and that command's synopsis, and exits 2. */
export class UsageError extends Error {
  /** The command being parsed (`audit`, `review sign`, ...), when known: its synopsis is shown. */
  readonly command?: string;
  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

export const USAGE = `Usage:
  coding-env audit --config FILE --evidence DIR --register FILE --out DIR
                   [--as-of ISO] [--days N] [--fail-on high|medium|low] [--pdf] [--security-hub] [--previous FILE]...
  coding-env audit --config FILE --live [--regions a,b] [--trail-bucket NAME [--trail-prefix P]]
                   --register FILE --out DIR [--as-of ISO] [--days N] [--fail-on high|medium|low]
  coding-env audit --config FILE --athena [--regions a,b] --register FILE --out DIR [same options]
  coding-env investigate --config FILE (--evidence DIR | --athena) (--patient ID | --person ID | --prefix KEYPREFIX)
                   [--from YYYY-MM-DD] [--to YYYY-MM-DD] --out DIR
  coding-env validate --config FILE [--register FILE]
  coding-env review --config FILE (--evidence DIR | --live ...) --out DIR
                   [--week-ending YYYY-MM-DD] [--sample N] [--seed TEXT]
  coding-env review sign --register FILE --reviewer ID --sampled N --anomalies N
                   [--actions TEXT] [--on YYYY-MM-DD] [--config FILE]
  coding-env --version
  coding-env <command> --help      the command's options in full

Exit codes: 0 report written (findings or not), 1 findings at or above --fail-on,
            2 bad usage or invalid input, 3 internal error,
            4 report written but a check or checklist item is "error" (the audit is incomplete; 4 wins over 1).`;
