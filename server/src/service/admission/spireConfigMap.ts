import type { Scalar } from 'yaml';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { embeddedSpireConfigs, literalLayout } from '../../spire/embedded';
import { checkSpireConfig } from '../../spire/index';
import type { CheckContext } from '../validation/context';
import type { ResourceView } from './resourceView';

// A SPIRE config held in a ConfigMap (see spire/embedded.ts) gets the same checks as a file on
// disk, placed on the lines of the manifest.

function spireConfigMap(r: ResourceView): void {
  for (const config of embeddedSpireConfigs(r.node(['data']))) {
    // A value a template writes is only known once rendered.
    if (r.ctx.isTemplated(config.value)) continue;
    const place = placement(config.value, r.ctx);
    for (const finding of checkSpireConfig(config.text, config.side, { version: r.ctx.versions.spire, versionOrigin: r.ctx.versions.spireOrigin }))
      r.ctx.diagnostics.push(place(finding));
  }
}

/**
 * Where a finding about the embedded file goes in the manifest. A literal block (`|`) keeps the
 * file's lines one for one below its header, indented: each finding lands on its own text. Any
 * other form (folded, quoted, plain) rewrites lines, so its findings sit on the whole value and say
 * which line of the file they mean.
 */
export function placement(value: Scalar, ctx: CheckContext): (finding: Diagnostic) => Diagnostic {
  const whole = ctx.range(value);
  const layout = literalLayout(value, whole, (line) => ctx.lineText(line));
  if (layout) {
    const at = (p: Position) => layout.outer(p);
    return (finding) => ({ ...finding, range: { start: at(finding.range.start), end: at(finding.range.end) } });
  }
  return (finding) => ({ ...finding, range: whole, message: `Line ${finding.range.start.line + 1} of the file: ${finding.message}` });
}

export const SPIRE_CONFIG_MAP_RULES = {
  '/ConfigMap': [spireConfigMap],
};
