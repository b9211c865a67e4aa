import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import { spireControllerConfigKind } from '../../schema/spireControllerConfig';
import { CheckContext, pairKey } from '../validation/context';
import { checkNode } from '../validation/schemaCheck';
import { ResourceView, type Rule } from './resourceView';
import { embeddedControllerConfigs } from '../../spire/embedded';
import { placement } from './spireConfigMap';
import { SPIRE_CONTROLLER_CONFIG_RULES } from './spireControllerConfig';

// spire-controller-manager reads its config from a file mounted from a ConfigMap (Istio's SPIRE
// sample, the hardened Helm chart): a data value that is a ControllerManagerConfig gets the checks
// the file would get on its own, placed on the manifest's lines.

const info = spireControllerConfigKind();
const rules = SPIRE_CONTROLLER_CONFIG_RULES['spire.spiffe.io/ControllerManagerConfig'];

/** What the controller would find in the config file's text, positioned in that text. */
export function controllerConfigDiagnostics(text: string): Diagnostic[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const ctx = new CheckContext(lineCounter, [], [], undefined, text);
  const error = document.errors[0];
  if (error) {
    ctx.error(
      ctx.range({ range: [error.pos[0], error.pos[1], error.pos[1]] }),
      'spire-controller-config',
      `The file is not valid YAML (${error.message.split('\n')[0]}); the controller cannot decode it and exits at start-up.`,
    );
    return ctx.diagnostics;
  }
  const root = document.contents;
  if (!isMap(root)) return [];
  const kindNode = root.items.find((pair) => pairKey(pair) === 'kind')?.key;
  checkNode(root, info.schema, { key: isScalar(kindNode) ? kindNode : undefined }, ctx);
  const view = new ResourceView(info, root, ctx);
  for (const rule of rules) rule(view);
  return ctx.diagnostics;
}

const embeddedControllerConfig: Rule = (r) => {
  for (const value of embeddedControllerConfigs(r.node(['data']))) {
    // A value a template writes is only known once rendered.
    if (r.ctx.isTemplated(value)) continue;
    const place = placement(value, r.ctx);
    for (const finding of controllerConfigDiagnostics(value.value as string)) r.ctx.diagnostics.push(place(finding));
  }
};

export const SPIRE_CONTROLLER_CONFIG_MAP_RULES: Rule[] = [embeddedControllerConfig];
