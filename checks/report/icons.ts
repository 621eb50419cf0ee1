/**
 * The report's symbols as inline SVG: the browser that prints the PDF (in Lambda too) has only
 * the Open Sans font, which has no ✓, ✗, ⚠ or geometric shapes. Each icon is decorative
 * (`aria-hidden`): the word beside it carries the meaning, in print and to screen readers.
 */
const svg = (body: string) => `<svg class="icon" viewBox="0 0 12 12" width="0.9em" height="0.9em" aria-hidden="true" focusable="false">${body}</svg>`;

export const ICON = {
  check: svg('<path d="M2 6.5 5 9.2 10.2 2.8" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>'),
  cross: svg('<path d="M2.5 2.5 9.5 9.5M9.5 2.5 2.5 9.5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>'),
  warning: svg('<path d="M6 1.2 11.2 10.6H.8Z" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round"/><path d="M6 4.6v3" stroke="currentColor" stroke-width="1.3" stroke-linecap="round"/><circle cx="6" cy="9" r=".75" fill="currentColor"/>'),
  high: svg('<path d="M6 1.5 11 10.5H1Z" fill="currentColor"/>'),
  medium: svg('<rect x="2" y="2" width="8" height="8" fill="currentColor"/>'),
  low: svg('<path d="M6 10.5 11 1.5H1Z" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round"/>'),
} as const;
