import type * as vscode from 'vscode';
import { redactSecrets } from '../../common/src/log/redact';

const WRITERS = new Set<PropertyKey>(['append', 'appendLine', 'replace', 'trace', 'debug', 'info', 'warn', 'error']);

/**
 * The same output channel, with every message passed through `redactSecrets` first: the language
 * client writes its protocol trace here, document texts included.
 */
export function redactedLog(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (!WRITERS.has(property)) return (value as (...args: unknown[]) => unknown).bind(target);
      return (message: unknown, ...rest: unknown[]) =>
        (value as (...args: unknown[]) => unknown).call(
          target,
          typeof message === 'string' ? redactSecrets(message) : message,
          ...rest.map((part) => (typeof part === 'string' ? redactSecrets(part) : part)),
        );
    },
  });
}
