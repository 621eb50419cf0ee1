// `npm run mutation:chunks`: the whole mutation run, one part of the code at a time, for runs that
// take longer than a sitting. Each part is a `stryker run --mutate <part>` in incremental mode,
// so its results are saved (reports/mutation/stryker-incremental.json) as soon as it ends, the
// parts before it are kept in the report, and a later run redoes only what changed. The last
// part's report (reports/mutation/mutation.html, .json) covers every part. A part cut short
// (Stryker saves only when a run ends) keeps what it decided: `node scripts/stryker/salvage.mjs`
// folds it into the incremental report, and the part run again tests only the rest.
//   node scripts/stryker/run-chunks.mjs [first-part-number]
import { spawnSync } from 'node:child_process';

// Parts of roughly equal size; together exactly the `mutate` globs of stryker.config.mjs.
export const PARTS = [
  'checks/rules/**/*.ts',
  'checks/*.ts,checks/model/**/*.ts,checks/checklist/**/*.ts,checks/register/**/*.ts',
  'checks/evidence/**/*.ts',
  'checks/report/**/*.ts',
  'policies/**/*.ts',
  'checks/collect/**/*.ts,checks/athena/**/*.ts',
  'checks/handlers/**/*.ts',
  'checks/cli/**/*.ts,checks/investigate/**/*.ts,checks/export/**/*.ts,checks/review/**/*.ts',
];

const first = Number(process.argv[2] ?? 1);
for (let i = first - 1; i < PARTS.length; i += 1) {
  process.stdout.write(`\nmutation part ${i + 1} of ${PARTS.length}: ${PARTS[i]}\n`);
  const run = spawnSync('npx', ['stryker', 'run', '--incremental', '--mutate', PARTS[i]], { stdio: 'inherit' });
  if (run.status !== 0) {
    process.stderr.write(`mutation part ${i + 1} failed (exit ${run.status}); resume with: node scripts/stryker/run-chunks.mjs ${i + 1}\n`);
    process.exit(run.status ?? 1);
  }
}
