/**
 * Helm and other Go-template manifests are not YAML until rendered. To check them anyway, each
 * single-line `{{ … }}` action is masked before parsing, keeping every offset in place: an action
 * alone on its line becomes blanks, one inside a value becomes a placeholder scalar. The masked
 * spans are kept so that validation leaves their values alone.
 */
export interface MaskedText {
  text: string;
  /** [start, end) offsets of masked actions. */
  templateSpans: Array<[number, number]>;
}

const ACTION = /\{\{[^\n]*?\}\}/g;

export function maskTemplateActions(text: string): MaskedText {
  if (!text.includes('{{')) return { text, templateSpans: [] };
  const templateSpans: Array<[number, number]> = [];
  // Line by line, without a nested-repetition regex: those backtrack exponentially on long lines.
  let masked = text
    .split('\n')
    .map((line) => (line.includes('{{') && line.replace(ACTION, '').trim() === '' ? ' '.repeat(line.length) : line))
    .join('\n');
  masked = masked.replace(ACTION, (action, offset: number) => {
    templateSpans.push([offset, offset + action.length]);
    return 'x'.repeat(action.length);
  });
  return { text: masked, templateSpans };
}

export function overlapsTemplate(spans: Array<[number, number]>, start: number, end: number): boolean {
  return spans.some(([s, e]) => start < e && s < end);
}
