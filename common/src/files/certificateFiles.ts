// Which files may hold certificates, by their name: one list for the Certificates view, the Mesh
// Posture report in the editor and `mesh-mtls report`, so that they count the same files.

/** PEM text: the pem language's extensions. */
export const PEM_FILE_EXTENSIONS = ['pem', 'crt', 'cer', 'cert', 'ca-bundle'];

/** Every certificate file: PEM text and binary DER. */
export const CERTIFICATE_FILE_EXTENSIONS = [...PEM_FILE_EXTENSIONS, 'der'];

/** A file name with a PEM extension (what a reader of text can take). */
export const PEM_FILE_NAME = new RegExp(`\\.(${PEM_FILE_EXTENSIONS.join('|')})$`, 'i');
