import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureCodeServer, installVsix, startCodeServer } from './codeServer';
import { writeMintedExamples } from './examples';
import { CACHE, EXAMPLES } from './paths';
import { packageVsix } from './vsix';

// `npm start`: the examples folder in a real VS Code (code-server) with the extension installed
// from a freshly packaged .vsix, on 127.0.0.1 only. Runs until Ctrl+C.
async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  await writeMintedExamples();
  const bin = await ensureCodeServer(log);
  const vsix = await packageVsix(path.join(CACHE, 'mesh-mtls-start.vsix'));
  const extensionsDir = mkdtempSync(path.join(tmpdir(), 'mm-ext-'));
  await installVsix(bin, vsix.path, extensionsDir);
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const server = await startCodeServer({ bin, extensionsDir, port });
  const stop = async () => {
    await server.stop();
    rmSync(extensionsDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  log(
    `\nMesh mTLS is running in VS Code (code-server) with the examples open:\n\n  ${server.workbenchUrl(EXAMPLES)}\n\nOpen it in a browser on this machine. Press Ctrl+C to stop.`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
