import type { Range } from 'vscode-languageserver-types';
import type { ChainReport, DecodedObject } from '../../../../common/src/x509/model';
import type { SkippedPart } from '../../documents/sizePolicy';

// What the certificate services find in a document: objects with the ranges they sit at, in
// groups that belong together (one file, one YAML value), decoded once per document version.

/** One PEM block or DER value of a document, decoded. */
export interface FoundObject {
  /** Where the object sits: the PEM block's lines, or the YAML value holding it. */
  range: Range;
  /** Where diagnostics about it go: the BEGIN marker, or the YAML value. */
  mark: Range;
  /** For titles: "block 2", "tls.crt of Secret shop/checkout-tls". */
  source: string;
  decoded: DecodedObject;
  /** The DER `decoded` was read from; for a TRUSTED CERTIFICATE, the certificate without its trust settings. */
  der?: Uint8Array;
  /** The PEM label; absent for DER. */
  label?: string;
  /** The PEM syntax is broken (a pem-syntax diagnostic says how), so `decoded` is unreadable for that reason. */
  syntaxBroken: boolean;
}

/** A malformed-PEM finding, with the range of the offending characters. */
export interface SyntaxProblem {
  range: Range;
  message: string;
}

/** The Secret a value belongs to, so keys and certificates of one Secret can be paired. */
export interface SecretEntry {
  /** The Secret's node: values with the same one belong to the same Secret. */
  secret: object;
  key: string;
}

/** Objects that belong together: a bundle is read as a chain, a key is matched to its neighbours. */
export interface ObjectGroup {
  /** How messages name it: "this file", "tls.crt of Secret shop/web". */
  name: string;
  objects: FoundObject[];
  syntax: SyntaxProblem[];
  secret?: SecretEntry;
  /**
   * `trust` for certificates kept as trust anchors (a Secret's ca.crt, a caBundle, trust-anchor
   * values, CA bundle files): a set, not a chain a server sends, so their order means nothing.
   */
  role: 'chain' | 'trust';
  /**
   * The trust groups the chain is meant to verify against, when the document says which: a
   * proxy's workload certificate and the ROOTCA of the same secret dump (see secretDumps.ts).
   */
  trustedBy?: ObjectGroup[];
  /** The group's certificates read as a chain when it has more than one; computed on first use, once. */
  chain: () => ChainReport | undefined;
}

export interface DocumentObjects {
  groups: ObjectGroup[];
  /** Every object of every group, in text order. */
  objects: FoundObject[];
  /** All certificates of the document read as one chain, when there are several; computed once. */
  chain: () => ChainReport | undefined;
  /** PEM blocks past the size bound, counted but not read (see sizePolicy.ts). */
  skipped?: SkippedPart;
}
