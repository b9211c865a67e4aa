// The naming conventions that pair a certificate file with its key in one folder:
// cert.pem/key.pem, tls.crt/tls.key, <name>.crt/<name>.key, <name>.pem/<name>-key.pem (cfssl),
// <name>-cert.pem/<name>-key.pem, <name>.key.pem, and Let's Encrypt's cert.pem/fullchain.pem with privkey.pem.
// The server pairs a key with its certificate by them; the client finds a CA certificate's key.

/** Names of the files that would hold the key of a certificate file called `fileName`. */
export function keyFileNames(fileName: string): string[] {
  const names = new Set<string>();
  if (fileName === 'cert.pem' || fileName === 'fullchain.pem') names.add('key.pem').add('privkey.pem');
  let match: RegExpExecArray | null;
  if ((match = /^(.+)-cert\.pem$/.exec(fileName))) names.add(`${match[1]}-key.pem`);
  if (fileName === 'tls.crt') names.add('tls.key');
  else if ((match = /^(.+)\.(crt|cer|cert)$/.exec(fileName))) names.add(`${match[1]}.key`).add(`${match[1]}-key.pem`).add(`${match[1]}.key.pem`);
  if ((match = /^(.+)\.pem$/.exec(fileName)) && !/(-cert|-key|\.key)$/.test(match[1]) && !['key', 'privkey', 'cert', 'fullchain', 'chain'].includes(match[1])) {
    names.add(`${match[1]}-key.pem`).add(`${match[1]}.key`).add(`${match[1]}.key.pem`);
  }
  names.delete(fileName);
  return [...names];
}

/** Names of the files that would hold the certificate of a key file called `fileName`. */
export function certificateFileNames(fileName: string): string[] {
  const names = new Set<string>();
  if (fileName === 'key.pem' || fileName === 'privkey.pem') names.add('cert.pem');
  let match: RegExpExecArray | null;
  if ((match = /^(.+)-key\.pem$/.exec(fileName))) names.add(`${match[1]}-cert.pem`).add(`${match[1]}.pem`);
  if ((match = /^(.+)\.key$/.exec(fileName))) names.add(`${match[1]}.crt`).add(`${match[1]}.pem`);
  if ((match = /^(.+)\.key\.pem$/.exec(fileName))) names.add(`${match[1]}.pem`).add(`${match[1]}.crt`);
  names.delete(fileName);
  return [...names];
}
