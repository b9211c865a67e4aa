// Messages between the decoded view (a webview, in a panel or in the DER editor) and the extension
// host. Neither side trusts the other's data: the host checks every message with
// `parseCertificateViewMessage`, the webview checks what it receives and what it restores with
// `parseHostMessage` and `parseViewState`. Certificate fields inside are attacker-controlled text.

import type { ChainReport, DecodedObject } from '../x509/model';
import { isChainReport, isDecodedObject } from './decodedObjectShape';
import { arrayOf, exactRecord, isFiniteNumber, isIndex, isString, literal, record } from './shape';

/** One object of the document on show. */
export interface ViewedObject {
  /** Where it came from: "block 2", "tls.crt of Secret shop/checkout-tls", "frontend.der". */
  source: string;
  /** Zero-based line where it starts in its document; absent for binary files. */
  line?: number;
  decoded: DecodedObject;
}

/** Everything the decoded view shows: every object of one document, one of them selected. */
export interface CertificateViewModel {
  /** The document's URI, so "Show in Editor" finds it again after a reload. */
  documentUri: string;
  /** The document, as the workspace names it ("certs/bundle.pem"). */
  documentName: string;
  objects: ViewedObject[];
  /** The document's certificates read as one chain, when it holds more than one. */
  chain?: ChainReport;
  /** Index into `objects` of the object shown in full. */
  selected: number;
  /** The `meshMtls.certificates.expiringSoonDays` setting when the view was made. */
  expiringSoonDays: number;
}

export type FingerprintAlgorithm = 'sha256' | 'sha1';

/** Host → webview. */
export type HostToCertificateView = { type: 'show'; view: CertificateViewModel };

/** Webview → host. Indexes point into the objects of the model the host last sent. */
export type CertificateViewToHost =
  | { type: 'ready' }
  | { type: 'copyFingerprint'; index: number; algorithm: FingerprintAlgorithm }
  | { type: 'reveal'; index: number }
  /** The user picked another object of the file: the host remembers it for when the page reloads. */
  | { type: 'select'; index: number }
  /** The page shows the object `index` under the heading `title`: what tests and the extension API observe. */
  | { type: 'rendered'; index: number; title: string };

/** What the webview saves with setState, and the serializer gets back after a reload. */
export interface CertificateViewState {
  view: CertificateViewModel;
}

const viewedObject = record({ source: isString, decoded: isDecodedObject }, { line: isIndex });

const isViewModel = (value: unknown): value is CertificateViewModel =>
  record(
    { documentUri: isString, documentName: isString, objects: arrayOf(viewedObject), selected: isIndex, expiringSoonDays: isFiniteNumber },
    { chain: isChainReport },
  )(value) && (value.objects.length === 0 ? value.selected === 0 : value.selected < value.objects.length);

const webviewMessage = [
  exactRecord({ type: literal('ready') }),
  exactRecord({ type: literal('copyFingerprint'), index: isIndex, algorithm: literal('sha256', 'sha1') }),
  exactRecord({ type: literal('reveal'), index: isIndex }),
  exactRecord({ type: literal('select'), index: isIndex }),
  exactRecord({ type: literal('rendered'), index: isIndex, title: isString }),
];

/** The message when it is one the host accepts, otherwise undefined. */
export function parseCertificateViewMessage(value: unknown): CertificateViewToHost | undefined {
  return webviewMessage.some((check) => check(value)) ? (value as CertificateViewToHost) : undefined;
}

/** The message when it is a well-formed `show`, otherwise undefined. */
export function parseHostMessage(value: unknown): HostToCertificateView | undefined {
  return exactRecord({ type: literal('show'), view: isViewModel })(value) ? value : undefined;
}

/** Saved webview state when it still holds a well-formed model (it may come from an older version). */
export function parseViewState(value: unknown): CertificateViewState | undefined {
  return record({ view: isViewModel })(value) ? { view: value.view } : undefined;
}
