// Messages between the handshake panel (a webview) and the extension host. Neither side trusts
// the other: the host checks every message with `parseHandshakePanelMessage`, the page checks
// what it receives and what it restores with `parseHandshakeHostMessage` and
// `parseHandshakeState`. The page names files by role only: which file a role holds is the
// host's to set (from a pick or a preset), so a page cannot make the host read a path of its
// choosing, and key contents never cross.

import { FILE_ROLES, PANEL_MODES, VERSION_CHOICES, type ChosenFiles, type FileRole, type HandshakeFields } from './handshakeForm';
import type { ChainCertificateView, FailureView, Outcome, ResultView, StepView, WireRowView } from './handshakeView';
import { arrayOf, exactRecord, isBoolean, isFiniteNumber, isIndex, isString, literal, oneOf, record, type Check } from './shape';

export type HandshakeTask = 'run' | 'scenarios' | 'endpoint';

/** Everything the panel shows; the page saves it with setState, the serializer gets it back. */
export interface HandshakePanelState {
  files: ChosenFiles;
  fields: HandshakeFields;
  /** The task under way, if any. */
  running?: HandshakeTask;
  result?: ResultView;
}

/** What the page reports it drew, read back from its own DOM: the extension API passes it on. */
export interface DrawnHandshakePanel {
  running?: HandshakeTask;
  result?: ResultView['kind'];
  ok?: boolean;
  /** The timeline table's rows. */
  steps: Array<{ name: string; outcome: Outcome }>;
  /** The scenario table's rows. */
  scenarios: Array<{ name: string; asExpected: boolean }>;
  /** The failure's reason or the problem's message, as shown. */
  error?: string;
  /** The roles that show a chosen file. */
  files: FileRole[];
}

/** Host → page. */
export type HostToHandshakePanel = { type: 'show'; state: HandshakePanelState };

/** Page → host. */
export type HandshakePanelToHost =
  | { type: 'ready' }
  /** The fields as typed: the host keeps them for the next run and for a reload. */
  | { type: 'fields'; fields: HandshakeFields }
  | { type: 'pick'; role: FileRole }
  | { type: 'clear'; role: FileRole }
  | { type: 'run'; fields: HandshakeFields }
  | { type: 'runScenarios' }
  | { type: 'probe'; fields: HandshakeFields }
  | { type: 'stop' }
  | { type: 'copyReport' }
  | { type: 'rendered'; drawn: DrawnHandshakePanel };

/** Text fields are short; anything longer is not a name or a list someone typed. */
const MAX_FIELD = 4096;
const isField: Check<string> = (value): value is string => isString(value) && value.length <= MAX_FIELD;
const isRole = literal(...FILE_ROLES);
const isVersion = literal(...VERSION_CHOICES);
const isTask = literal('run', 'scenarios', 'endpoint');
const isOutcome = literal('pass', 'fail', 'skip');

const isFields: Check<HandshakeFields> = exactRecord({
  mode: literal(...PANEL_MODES),
  serverMin: isVersion,
  serverMax: isVersion,
  clientMin: isVersion,
  clientMax: isVersion,
  expectServerName: isField,
  allowClients: isField,
  endpoint: isField,
});

const isChosenFile = record({ uri: isString, name: isString, summary: isString });
const isChosenFiles: Check<ChosenFiles> = (value): value is ChosenFiles =>
  record({}, Object.fromEntries(FILE_ROLES.map((role) => [role, isChosenFile])))(value) &&
  Object.keys(value as object).every((key) => (FILE_ROLES as readonly string[]).includes(key));

const isFailure: Check<FailureView> = record({ code: isString, reason: isString, fix: isString }, { step: isString });
const isStep: Check<StepView> = record({ name: isString, outcome: isOutcome, detail: isString }, { at: isFiniteNumber });
const isChainEntry: Check<ChainCertificateView> = record({
  name: isString,
  issuer: isString,
  validity: isString,
  notAfter: isString,
  key: isString,
  ca: isBoolean,
  invalidNow: isBoolean,
});
const isWireRow: Check<WireRowView> = record({
  at: isFiniteNumber,
  from: literal('client', 'server'),
  what: isString,
  protection: literal('clear', 'decrypted', 'sealed'),
});

const isResult: Check<ResultView> = oneOf(
  record(
    {
      kind: literal('handshake'),
      ok: isBoolean,
      headline: isString,
      durationMs: isFiniteNumber,
      steps: arrayOf(isStep),
      serverChain: arrayOf(isChainEntry),
      clientChain: arrayOf(isChainEntry),
      wire: arrayOf(isWireRow),
      markdown: isString,
    },
    { protocol: isString, cipher: isString, error: isFailure, clientIdentity: isString },
  ),
  record({
    kind: literal('scenarios'),
    asExpected: isIndex,
    stopped: isBoolean,
    markdown: isString,
    rows: arrayOf(record({ name: isString, expected: isString, actual: isString, asExpected: isBoolean, why: isString, durationMs: isFiniteNumber })),
  }),
  record(
    {
      kind: literal('endpoint'),
      ok: isBoolean,
      target: isString,
      headline: isString,
      clientCertificate: isString,
      failures: arrayOf(isFailure),
      serverChain: arrayOf(isChainEntry),
      wire: arrayOf(isWireRow),
      durationMs: isFiniteNumber,
      markdown: isString,
    },
    { protocol: isString, cipher: isString },
  ),
  record({ kind: literal('problem'), message: isString }),
);

const isState: Check<HandshakePanelState> = record({ files: isChosenFiles, fields: isFields }, { running: isTask, result: isResult });

const isDrawn: Check<DrawnHandshakePanel> = exactRecord(
  {
    steps: arrayOf(exactRecord({ name: isString, outcome: isOutcome })),
    scenarios: arrayOf(exactRecord({ name: isString, asExpected: isBoolean })),
    files: arrayOf(isRole),
  },
  { running: isTask, result: literal('handshake', 'scenarios', 'endpoint', 'problem'), ok: isBoolean, error: isString },
);

const pageMessages = [
  exactRecord({ type: literal('ready') }),
  exactRecord({ type: literal('fields'), fields: isFields }),
  exactRecord({ type: literal('pick'), role: isRole }),
  exactRecord({ type: literal('clear'), role: isRole }),
  exactRecord({ type: literal('run'), fields: isFields }),
  exactRecord({ type: literal('runScenarios') }),
  exactRecord({ type: literal('probe'), fields: isFields }),
  exactRecord({ type: literal('stop') }),
  exactRecord({ type: literal('copyReport') }),
  exactRecord({ type: literal('rendered'), drawn: isDrawn }),
];

/** The message when it is one the host accepts, otherwise undefined. */
export function parseHandshakePanelMessage(value: unknown): HandshakePanelToHost | undefined {
  return pageMessages.some((check) => check(value)) ? (value as HandshakePanelToHost) : undefined;
}

/** The message when it is a well-formed `show`, otherwise undefined. */
export function parseHandshakeHostMessage(value: unknown): HostToHandshakePanel | undefined {
  return exactRecord({ type: literal('show'), state: isState })(value) ? value : undefined;
}

/** Saved page state when it is still well-formed (it may come from an older version). */
export function parseHandshakeState(value: unknown): HandshakePanelState | undefined {
  return isState(value) ? value : undefined;
}
