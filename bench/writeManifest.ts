import { writeEditorManifest } from './editorManifest';

// `node out/bench/writeManifest.js [LINES] [FILE]`: the editor bench's manifest on disk, for
// profiling the server or the CLI on it. Apart from the bench's bundle, which must not run this.

writeEditorManifest(Number(process.argv[2] ?? 10_000), process.argv[3]).then(
  ({ file, text }) => console.log(`${file}: ${text.split('\n').length} lines, ${text.length} characters`),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
