// Custom messages between the Mesh mTLS client and language server. Standard LSP requests
// (diagnostics, codeLens, …) need no declaration here; only what LSP has no word for.

import type { ChainReport, DecodedObject } from './x509/model';
import { NEWEST_VERSIONS } from './versions';
import type { PostureReport } from './report/postureReport';

/**
 * Client → server request, no params. The client sends it once the connection is up, to show
 * the server's version in the output channel and to let the extension API's `ready` promise
 * confirm that the server answers requests, not only that the process started.
 */
export const ServerStatusRequest = 'meshMtls/serverStatus';

export interface ServerStatus {
  version: string;
  /** Documents the server currently holds parsed. */
  openDocuments: number;
  /** "<apiVersion>/<Kind>" keys the schema registry knows. */
  kinds: string[];
}

/**
 * Server → client notification, sent once after start-up when the workspace folders' YAML files
 * have been read: from then on completion offers their namespaces, service accounts and labels.
 * The extension API exposes it, so tests and other extensions wait for it instead of guessing.
 */
export const WorkspaceIndexedNotification = 'meshMtls/workspaceIndexed';

export interface WorkspaceIndexed {
  /** YAML files read. */
  files: number;
}

/**
 * The client command a certificate CodeLens runs, with arguments [uri, line, index]: the server
 * names it in each lens and the client registers it. `index` counts the objects of the
 * documentCertificates answer, so a lens picks its own object even when several share one YAML
 * value (and so one line). Editors other than VS Code show the lens title only.
 */
export const DecodeCertificateCommand = 'meshMtls.decodeCertificate';

/**
 * The client command an effective-mTLS CodeLens runs, with arguments [uri, position, locations]
 * (LSP shapes): VS Code lists the locations (the workloads a policy decides, the policy deciding
 * a workload) as references. Editors other than VS Code show the lens title only.
 */
export const ShowLocationsCommand = 'meshMtls.showLocations';

/**
 * The client command the "Test mTLS handshake" CodeLens runs above a leaf certificate in a
 * certificate file, with arguments [uri, line]: the panel opens with that file as the server
 * certificate (and the key beside it). Editors other than VS Code show the lens title only.
 */
export const OpenHandshakeTestCommand = 'meshMtls.openHandshakeTest';

/**
 * Client → server request. The client sends it when the user decodes a certificate (command,
 * CodeLens click) in any document the server reads, PEM or YAML: only the server knows where
 * certificates hide inside manifests (Secret data, block scalars), so the client asks instead of
 * searching itself. Answers every object of the document, in text order.
 */
export const DocumentCertificatesRequest = 'meshMtls/documentCertificates';

export interface DocumentCertificatesParams {
  textDocument: { uri: string };
  /** Add each certificate's DER: Verify Chain needs the bytes, the decoded view and lists do not. */
  includeDer?: boolean;
}

export interface DocumentCertificate {
  /** Where the object sits: the PEM block, or the YAML value holding it. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Where it came from, for titles: "tls.crt of Secret shop/checkout-tls", "block 2". */
  source: string;
  decoded: DecodedObject;
  /**
   * The objects that belong together (one file, one YAML value) share a group: `objects` of
   * the answer's `groups` entry with this index.
   */
  group: number;
  /** Base64 DER of a readable certificate, when the request asked for it. */
  der?: string;
}

export interface DocumentCertificateGroup {
  /** How messages name it: "this file", "ca.crt of Secret shop/cart-tls". */
  name: string;
  /** `trust` for trust anchors (a Secret's ca.crt, trust bundles): a set of roots, not a chain. */
  role: 'chain' | 'trust';
}

export interface DocumentCertificates {
  groups: DocumentCertificateGroup[];
  objects: DocumentCertificate[];
  /** The document's certificates read as one chain, when it holds more than one. */
  chain?: ChainReport;
}

/**
 * Client → server request, no params. The Certificates view sends it when it lists the
 * workspace: the server has read every YAML file already, so it answers which may hold
 * certificates (see mayHoldCertificates) instead of the client reading them all again.
 * Answered once the start-up scan is done.
 */
export const CertificateManifestsRequest = 'meshMtls/certificateManifests';

export interface CertificateManifests {
  /** URIs of the workspace's YAML files whose text looks like it holds a certificate. */
  uris: string[];
}

/**
 * Server → client notification, no params. The server sends it when its picture of the workspace
 * may have changed (a manifest or certificate file edited, added or removed, the folders or the
 * analysis settings changed), after its findings are published again: the Mesh Posture view asks
 * for the report again instead of watching files itself. Edits in a burst are sent once.
 */
export const WorkspaceChangedNotification = 'meshMtls/workspaceChanged';

/**
 * Client → server request, no params. The Mesh Posture view sends it when it shows the workspace
 * (and again after WorkspaceChangedNotification), and the Save Posture Report command before it
 * writes the file: the server holds the workspace model the report is computed from. Answered once
 * the start-up scan is done; the client cancels a request a newer one makes stale.
 */
export const PostureReportRequest = 'meshMtls/postureReport';

export type { PostureReport };

/** Configuration section the server reads through `workspace/configuration`. */
export const ConfigurationSection = 'meshMtls';

export interface MeshMtlsSettings {
  validation: { enable: boolean };
  codeLens: { enable: boolean };
  certificates: {
    /** Warn on expiry when fewer days than this remain (and under a third of the lifetime). */
    expiringSoonDays: number;
  };
  /** The cross-resource analysis: Istio's root namespace and the mesh's trust domain. */
  analysis: { rootNamespace: string; trustDomain: string };
  /** The releases the cluster runs (see versions.ts): verdicts and explanations follow them. */
  istio: { version: string };
  linkerd: { version: string };
  certManager: { version: string };
  /** `origin`: set by the server when the release was read from the workspace's images, not chosen. */
  spire: { version: string; origin?: string };
}

export const defaultSettings: MeshMtlsSettings = {
  validation: { enable: true },
  codeLens: { enable: true },
  certificates: { expiringSoonDays: 30 },
  analysis: { rootNamespace: 'istio-system', trustDomain: 'cluster.local' },
  istio: { version: NEWEST_VERSIONS.istio },
  linkerd: { version: NEWEST_VERSIONS.linkerd },
  certManager: { version: NEWEST_VERSIONS.certManager },
  spire: { version: NEWEST_VERSIONS.spire },
};
