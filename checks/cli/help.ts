import { USAGE } from './usage';

/**
 * Each command's own help (`coding-env <command> --help`): what it does, every option it takes,
 * what it writes and its exit codes. The overview (`coding-env --help`) is USAGE.
 */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  audit: `Usage: coding-env audit --config FILE (--evidence DIR | --live [live options] | --athena [--regions a,b]) --register FILE --out DIR [options]

Audits the account's evidence against the config and the register: findings of every check and
the quarterly checklist. Writes report.json, report.md, report.html and report.ocsf.json (OCSF
Detection Findings) into --out. Progress goes to stderr.

Required:
  --config FILE          the organisation's config (config/coding-env.json)
  --evidence DIR         exported evidence: credential-report.csv, account-authorization-details.json,
                         cloudtrail/ (see docs/evidence.md)
  --live                 instead of --evidence: read the account with the standard AWS credentials
  --athena               instead of --evidence: read IAM as --live does, and the events from the trail's
                         archive in Amazon Athena (workgroup coding-env-audit, table coding_env_audit.cloudtrail
                         the stack creates) instead of LookupEvents, over the caller's account. A query that
                         fails, is cancelled, hits the workgroup's bytes-scanned cap or is not read whole makes
                         the event checks error (exit 4)
  --register FILE        the register of dated evidence (see docs/register.md)
  --out DIR              where the report files go (created when missing)

Options:
  --as-of ISO            end of the window: 2026-11-20T12:00:00Z, or a date (the end of that day, UTC).
                         Default: now
  --days N               days of events before --as-of, 1 to 3650. Default: 30
  --fail-on LEVEL        exit 1 when a finding is at or above high, medium or low
  --pdf                  also write report.pdf (Chromium from the @sparticuz/chromium npm package)
  --previous FILE        an earlier report.json (repeatable): findings marked new or recurring,
                         resolved ones listed, the trend drawn (docs/report.md)
  --security-hub         also import the findings into AWS Security Hub (BatchImportFindings, standard
                         AWS credentials and region; re-importing updates the same findings)

Live options (with --live):
  --regions a,b          regions whose management events are read (LookupEvents). Default: the current region
  --trail-bucket NAME    the trail's S3 bucket for data events. Default: found with DescribeTrails
  --trail-prefix P       the trail's key prefix in that bucket (with --trail-bucket)

Athena options (with --athena):
  --regions a,b          the region partitions read. Default: every region of the table

Exit codes: 0 report written (findings or not), 1 findings at or above --fail-on,
            2 bad usage or invalid input, 3 internal error or a failed --security-hub import,
            4 report written but a check or checklist item is error (the audit is incomplete; 4 wins over 1).`,

  investigate: `Usage: coding-env investigate --config FILE (--evidence DIR | --athena) (--patient ID | --person ID | --prefix KEYPREFIX)
                           [--from YYYY-MM-DD] [--to YYYY-MM-DD] --out DIR

For a breach investigation or a patient's request for an accounting of access: every PHI data
event (S3 data events on storage.phiBucketName) on the patient's objects (<specialty>/<patient-id>/...),
by the person, or under the key prefix, in the range, allowed and denied, with the time in UTC and
in organization.timezone, the person, action, object key, outcome, source address and event id.
Writes accesses.csv (safe to open in a spreadsheet), investigation.json (with every CloudTrail
input's status and SHA-256) and investigation.html (printable) into --out. The files hold PHI:
keep them with the investigation's records.

Required:
  --config FILE          the organisation's config
  --evidence DIR         exported evidence with the range's CloudTrail files (cloudtrail/, see docs/evidence.md)
  --athena               instead of --evidence: query the trail's six-year archive in Amazon Athena (workgroup
                         coding-env-audit, table coding_env_audit.cloudtrail the stack creates), with the
                         standard AWS credentials and region, over the caller's account
  --patient ID           the patient's objects: keys <specialty>/ID/... under any specialty
  --person ID            the calls of the IAM user ID (a person's id; departed people too)
  --prefix KEYPREFIX     objects whose key starts with KEYPREFIX (e.g. cardiology/P100234/)
                         (exactly one of --patient, --person, --prefix)
  --out DIR              where the files go (created when missing)

Options:
  --from YYYY-MM-DD      first day of the range (UTC). Default: six years before --to
  --to YYYY-MM-DD        last day of the range (UTC), at most now. Default: now

Exit codes: 0 written and complete, 2 bad usage or invalid input,
            4 written but not complete: a UTC day of the range holds no CloudTrail event, or a
              CloudTrail input was not read whole (the accesses found are still listed).`,

  validate: `Usage: coding-env validate --config FILE [--register FILE]

Checks the config (and the register) without auditing anything: every offending field is named
with its JSON path. Prints "valid" for each file that is.

  --config FILE          the organisation's config
  --register FILE        also check the register of dated evidence

Exit codes: 0 valid, 2 invalid or missing.`,

  review: `Usage: coding-env review --config FILE (--evidence DIR | --live [live options]) --out DIR [options]

Writes the weekly audit-log review worksheet (worksheet.md, worksheet.html) into --out: the week's
after-hours and out-of-specialty PHI access and a random sample of PHI accesses to check. The
worksheet lists PHI object keys: keep it with the compliance records.

  --config FILE          the organisation's config
  --evidence DIR         exported evidence with the week's CloudTrail data events
  --live                 instead of --evidence: read the account (live options as for audit)
  --out DIR              where the worksheet goes
  --week-ending DATE     last day of the reviewed week, YYYY-MM-DD. Default: yesterday in the
                         organisation's time zone
  --sample N             how many accesses to sample. Default: 25
  --seed TEXT            seed of the sample. Default: derived from the week (the same week, the same sample)

Exit codes: 0 written, 2 bad usage, invalid input or unreadable events.`,

  'review sign': `Usage: coding-env review sign --register FILE --reviewer ID --sampled N --anomalies N [options]

Records a documented weekly log review in the register's logReviews (checklist item 4). The
register is validated first and replaced in one step.

  --register FILE        the register to append to
  --reviewer ID          who reviewed (a person id of the config)
  --sampled N            records sampled
  --anomalies N          anomalies found
  --actions TEXT         what was done about them (required when --anomalies is above 0)
  --on DATE              the review's date, YYYY-MM-DD. Default: today (in the organisation's zone with --config, else UTC)
  --config FILE          the organisation's config

Exit codes: 0 recorded, 2 bad usage or an invalid register.`,
};

/** The helps by command, in a Map: a topic such as "constructor" finds no help, not Object's. */
const HELP_OF: ReadonlyMap<string | undefined, string> = new Map(Object.entries(COMMAND_HELP));

/** The help for a command, or the overview for none or an unknown one. */
export function helpText(command?: string): string {
  return HELP_OF.get(command) ?? USAGE;
}

/** The synopsis shown after a usage error: the command's first line, or the overview. */
export function synopsis(command?: string): string {
  const help = HELP_OF.get(command);
  if (help === undefined) return USAGE;
  return `${help.split('\n')[0]}\nRun coding-env ${command} --help for every option.`;
}
