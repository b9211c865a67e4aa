import type { PostureReport } from './postureReport';

/** The report as one self-contained HTML page: inline CSS and SVG, no scripts, light and dark, printable. */
export function renderHtml(report: PostureReport): string {
  throw new Error(`HTML rendering of ${report.format} is not written yet`);
}
