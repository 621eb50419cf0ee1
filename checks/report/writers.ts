import { htmlWriter } from './html';
import { jsonWriter } from './json';
import { markdownWriter } from './markdown';
import { ocsfWriter } from './ocsf';
import type { ReportWriter } from './writer';

/** Every report format the CLI and the Lambdas write. Add a writer here to add a format. */
export const REPORT_WRITERS: readonly ReportWriter[] = [jsonWriter, markdownWriter, htmlWriter, ocsfWriter];
