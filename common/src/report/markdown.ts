import type { PostureReport } from './postureReport';

/** The report as Markdown that fits a pull-request comment. */
export function renderMarkdown(report: PostureReport): string {
  throw new Error(`Markdown rendering of ${report.format} is not written yet`);
}
