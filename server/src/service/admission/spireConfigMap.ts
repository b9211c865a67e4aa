import { isMap, isScalar, Scalar } from 'yaml';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { checkSpireConfig, spireSideOf, type SpireSide } from '../../spire/index';
import { pairKey, type CheckContext } from '../validation/context';
import type { ResourceView } from './resourceView';

// SPIRE's layouts (its quickstart, Istio's SPIRE sample, the hardened Helm charts) ship
// server.conf and agent.conf as ConfigMap data mounted into the pod: the file SPIRE reads is the
// value, and it gets the same checks as a file on disk, placed on the lines of the manifest.

/** Data keys that may hold a SPIRE config: SPIRE reads the file by the name given with -config, so any such name. */
const CONFIG_KEY = /\.(conf|hcl|json)$/i;

export interface EmbeddedSpireConfig {
  key: string;
  value: Scalar;
  text: string;
  side: SpireSide;
}

/** The data values of a ConfigMap that are SPIRE server or agent configs (a `server {}` or `agent {}` block at the top). */
export function embeddedSpireConfigs(data: unknown): EmbeddedSpireConfig[] {
  if (!isMap(data)) return [];
  const found: EmbeddedSpireConfig[] = [];
  for (const pair of data.items) {
    const key = pairKey(pair);
    const value = pair.value;
    if (key === undefined || !CONFIG_KEY.test(key) || !isScalar(value) || typeof value.value !== 'string') continue;
    const side = spireSideOf(value.value);
    if (side) found.push({ key, value, text: value.value, side });
  }
  return found;
}

function spireConfigMap(r: ResourceView): void {
  for (const config of embeddedSpireConfigs(r.node(['data']))) {
    // A value a template writes is only known once rendered.
    if (r.ctx.isTemplated(config.value)) continue;
    const place = placement(config.value, r.ctx);
    for (const finding of checkSpireConfig(config.text, config.side)) r.ctx.diagnostics.push(place(finding));
  }
}

/**
 * Where a finding about the embedded file goes in the manifest. A literal block (`|`) keeps the
 * file's lines one for one below its header, indented: each finding lands on its own text. Any
 * other form (folded, quoted, plain) rewrites lines, so its findings sit on the whole value and say
 * which line of the file they mean.
 */
function placement(value: Scalar, ctx: CheckContext): (finding: Diagnostic) => Diagnostic {
  const whole = ctx.range(value);
  if (value.type === Scalar.BLOCK_LITERAL) {
    const header = whole.start.line;
    const indent = blockIndent(ctx, header, whole.end.line);
    if (indent !== undefined) {
      const at = (p: Position): Position => ({ line: header + 1 + p.line, character: indent + p.character });
      return (finding) => ({ ...finding, range: { start: at(finding.range.start), end: at(finding.range.end) } });
    }
  }
  return (finding) => ({ ...finding, range: whole, message: `Line ${finding.range.start.line + 1} of the file: ${finding.message}` });
}

/** The indentation of a literal block's content: that of its first non-blank line, as YAML decides it (an explicit indicator is not read: undefined). */
function blockIndent(ctx: CheckContext, headerLine: number, lastLine: number): number | undefined {
  if (/\|[-+]?\d/.test(ctx.lineText(headerLine))) return undefined;
  for (let line = headerLine + 1; line <= lastLine; line++) {
    const text = ctx.lineText(line);
    if (text.trim() !== '') return text.length - text.trimStart().length;
  }
  return undefined;
}

export const SPIRE_CONFIG_MAP_RULES = {
  '/ConfigMap': [spireConfigMap],
};
