// The parts of vscode-textmate and vscode-oniguruma the grammar test uses. Both are loaded at run
// time from the VS Code under test (they ship with it), not from our dependencies.

export interface RawGrammar {
  scopeName: string;
}

export interface StateStack {
  readonly depth: number;
}

export interface TokenizeResult {
  tokens: Array<{ startIndex: number; endIndex: number; scopes: string[] }>;
  ruleStack: StateStack;
}

export interface Grammar {
  tokenizeLine(line: string, state: StateStack | null): TokenizeResult;
}

export declare const INITIAL: StateStack;
export declare function parseRawGrammar(content: string, filePath: string): RawGrammar;
export declare class Registry {
  constructor(options: { onigLib: Promise<unknown>; loadGrammar(scopeName: string): Promise<RawGrammar | null> });
  loadGrammar(scopeName: string): Promise<Grammar | null>;
}

export declare namespace oniguruma {
  function loadWASM(data: ArrayBuffer): Promise<void>;
  class OnigScanner {
    constructor(patterns: string[]);
  }
  class OnigString {
    constructor(text: string);
  }
}
