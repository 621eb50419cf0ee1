// Prints the text of each page of a PDF as a JSON array, with unpdf (pdf.js). A child process
// because unpdf is ESM-only inside and jest runs the tests as CommonJS.
import { readFileSync } from 'node:fs';
import { extractText, getDocumentProxy } from 'unpdf';

const pdf = await getDocumentProxy(new Uint8Array(readFileSync(process.argv[2])));
const { text } = await extractText(pdf, { mergePages: false });
process.stdout.write(JSON.stringify(text));
