import type { TrendPoint } from './auditor-schema';
import { escapeHtml as e } from './escape-html';

const W = 640;
const H = 170;
const PAD = { left: 34, right: 8, top: 10, bottom: 34 };

/**
 * The trend of findings (bars stacked by severity) and failed or errored checklist items (a
 * line) over the last reports, as inline SVG: no script, no external reference, every label
 * escaped. A table under it gives the same numbers in words.
 */
export function trendSvg(points: readonly TrendPoint[]): string {
  if (points.length === 0) return '';
  const totals = points.map((p) => p.findings.high + p.findings.medium + p.findings.low);
  const notPassed = points.map((p) => p.checklist.fail + p.checklist.error);
  const top = Math.max(1, ...totals, ...notPassed);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / points.length;
  const barW = Math.min(46, slot * 0.55);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const n = (v: number) => v.toFixed(1);
  const bars = points
    .map((p, i) => {
      const x = PAD.left + slot * i + (slot - barW) / 2;
      let base = 0;
      const parts = (['low', 'medium', 'high'] as const)
        .map((sev) => {
          const v = p.findings[sev];
          const rect = v > 0 ? `<rect class="t-${sev}" x="${n(x)}" y="${n(y(base + v))}" width="${n(barW)}" height="${n(y(base) - y(base + v))}"/>` : '';
          base += v;
          return rect;
        })
        .join('');
      const label = `<text x="${n(x + barW / 2)}" y="${H - PAD.bottom + 14}" text-anchor="middle">${e(p.asOf.slice(0, 10))}</text>`;
      const total = `<text x="${n(x + barW / 2)}" y="${n(y(base) - 3)}" text-anchor="middle" class="t-total">${e(String(base))}</text>`;
      return `<g><title>${e(`${p.asOf.slice(0, 10)}: ${base} findings, ${notPassed[i]} checklist items not passed`)}</title>${parts}${total}${label}</g>`;
    })
    .join('');
  const line = points.map((_, i) => `${n(PAD.left + slot * i + slot / 2)},${n(y(notPassed[i] ?? 0))}`).join(' ');
  const dots = points.map((_, i) => `<circle class="t-dot" cx="${n(PAD.left + slot * i + slot / 2)}" cy="${n(y(notPassed[i] ?? 0))}" r="3"/>`).join('');
  const axis = `<line class="t-axis" x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}"/><text x="${PAD.left - 6}" y="${n(y(top) + 4)}" text-anchor="end">${e(String(top))}</text><text x="${PAD.left - 6}" y="${n(y(0) + 4)}" text-anchor="end">0</text>`;
  const legend = `<g class="t-legend" transform="translate(${PAD.left},${H - 8})"><rect class="t-high" width="9" height="9" y="-8"/><text x="13">high</text><rect class="t-medium" x="52" width="9" height="9" y="-8"/><text x="65">medium</text><rect class="t-low" x="122" width="9" height="9" y="-8"/><text x="135">low findings</text><circle class="t-dot" cx="230" cy="-4" r="3"/><text x="238">checklist items failed or in error</text></g>`;
  return `<svg class="trend" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Findings and checklist items not passed, by report" xmlns="http://www.w3.org/2000/svg">${axis}${bars}<polyline class="t-line" points="${line}"/>${dots}${legend}</svg>`;
}
