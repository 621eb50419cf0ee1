/** Bad command-line usage: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage:
  coding-env audit --config FILE --evidence DIR --register FILE --out DIR
                   [--as-of ISO] [--days N] [--fail-on high|medium|low]
  coding-env audit --config FILE --live [--regions a,b] [--trail-bucket NAME [--trail-prefix P]]
                   --register FILE --out DIR [--as-of ISO] [--days N] [--fail-on high|medium|low]
  coding-env validate --config FILE [--register FILE]
  coding-env review --config FILE (--evidence DIR | --live ...) --out DIR
                   [--week-ending YYYY-MM-DD] [--sample N] [--seed TEXT]
  coding-env review sign --register FILE --reviewer ID --sampled N --anomalies N
                   [--actions TEXT] [--on YYYY-MM-DD] [--config FILE]

  --as-of      end of the audit window (ISO time; a date alone means the end of that day, UTC). Default: now
  --days       length of the window before --as-of. Default: 30
  --fail-on    exit 1 when a finding has this severity or higher
  --pdf        also print report.html to report.pdf with the system's Chromium
  review       writes worksheet.md and worksheet.html: the week's after-hours and out-of-specialty
               PHI access and a random sample of PHI accesses (default: the week ending yesterday)
  review sign  records the documented weekly review in the register (checklist item 4)

Exit codes: 0 report written (findings or not), 1 findings at or above --fail-on,
            2 bad usage or invalid input, 3 internal error,
            4 report written but a check or checklist item is "error" (the audit is incomplete; 4 wins over 1).`;
