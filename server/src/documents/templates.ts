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
const ACTION_LINE = /^[ \t]*(\{\{[^\n]*?\}\}[ \t]*)+$/gm;

export function maskTemplateActions(text: string): MaskedText {
  if (!text.includes('{{')) return { text, templateSpans: [] };
  const templateSpans: Array<[number, number]> = [];
  let masked = text.replace(ACTION_LINE, (line) => ' '.repeat(line.length));
  masked = masked.replace(ACTION, (action, offset: number) => {
    templateSpans.push([offset, offset + action.length]);
    return 'x'.repeat(action.length);
  });
  return { text: masked, templateSpans };
}

export function overlapsTemplate(spans: Array<[number, number]>, start: number, end: number): boolean {
  return spans.some(([s, e]) => start < e && s < end);
}
