import { Composer, Parser as Yaml2Parser, type CST, type Document } from 'yaml';
import { Parser } from 'yaml3';

/**
 * What yaml 3.0.0-2's lexer reads wrongly, found by test/unit/yamlStream.test.ts's fuzzing: it
 * matches comments with regular expressions whose `.` and `$` stop at a lone carriage return,
 * U+2028 or U+2029 (line ends to JavaScript, not to YAML), so a comment line ending in one never
 * ends and the parse never returns; and a NUL in a comment after `---` ends the comment, the
 * rest of the line read as a key. Texts holding any of them are left to yaml 2's parser.
 */
const YAML3_HAZARDS = /[\0\u2028\u2029]|\r(?!\n)/;

/**
 * The one place YAML text becomes documents. The tokens come from yaml 3's parser and the
 * documents from yaml 2's composer: yaml 3 builds the same tokens (its CST types are unchanged
 * from 2.x) with arrays where 2.x chains generators, which makes this step 2.5 times faster and
 * more than halves what it allocates, while its node classes (which the services read) are still
 * being reshaped in its prereleases. test/unit/yamlStream.test.ts holds yaml 3's tokens to yaml
 * 2's wherever yaml 2 reads a text without error.
 */
export function yamlTokens(text: string, offset = 0, onNewLine?: (offset: number) => void): CST.Token[] {
  if (YAML3_HAZARDS.test(text)) {
    const parser = new Yaml2Parser(onNewLine);
    parser.offset = offset;
    return [...parser.parse(text)];
  }
  const parser = new Parser(onNewLine);
  parser.offset = offset;
  // yaml 3 declares the token types in its own module, with the same shape as yaml 2's.
  return parser.parse(text);
}

/** The documents of a token stream that ends at `end` (an offset in the same text as the tokens'). */
export function composeDocuments(tokens: CST.Token[], end: number): Document.Parsed[] {
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, strict: false });
  return [...composer.compose(tokens, true, end)] as Document.Parsed[];
}
