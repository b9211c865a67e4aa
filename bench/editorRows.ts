import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseAllDocuments } from 'yaml';
import type { Debounces } from './debounce';
import { editedText, editPlaces, expectedDiagnostics, InProcessEditor, type EditPlace } from './editWork';
import { BenchServer, type LspRange } from './lspServer';
import { createYamlLanguageServer } from './peers';
import { interleaved, median, timings, wallTime, type Row } from './stats';

// The rows of the 10,000-line manifest: opened and edited over stdio in the real server process,
// as an editor does, and the work of one edit in process.

export interface EditorBenchOptions {
  /** Fresh opens timed (interleaved with the floor and the peer). */
  opens: number;
  /** Edits per place over stdio (half typing a character, half undoing it). */
  edits: number;
  /** Requests per place and kind, each right after an edit. */
  requests: number;
  /** Edits per place in process. */
  inProcessEdits: number;
  debounces: Debounces;
}

export async function editorRows(text: string, options: EditorBenchOptions): Promise<Row[]> {
  const lines = text.split('\n').length;
  const resources = text.split(/^---$/m).length;
  const places = editPlaces(text);
  // An empty workspace folder: the timed file is the only one the analysis reads.
  const folder = mkdtempSync(path.join(tmpdir(), 'mm-bench-editor-'));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  const folderUri = pathToFileURL(folder).href;
  const server = new BenchServer();
  try {
    await server.start(folderUri);
    await server.workspaceIndexed();
    // In process first, while this process's heap is small: the open rows leave yaml-language-server
    // and their editors behind, and collecting them is no part of a keystroke's work.
    const inProcess = inProcessRows(text, places, options.inProcessEdits);
    const rows = await openRows(server, folderUri, text, options.opens, `a ${lines}-line file (${resources} resources)`);
    const floor = rows[0].referenceValue;
    rows.push(...(await editRows(server, folderUri, text, places, options)));
    rows.push(...(await requestRows(server, folderUri, text, places, options, floor)));
    rows.push(...inProcess.map((row) => ({ ...row, referenceValue: floor })));
    return rows;
  } finally {
    await server.stop();
  }
}

async function openRows(server: BenchServer, folderUri: string, text: string, runs: number, size: string): Promise<Row[]> {
  const expected = expectedDiagnostics(`${folderUri}/expected.yaml`, text);
  const firsts: number[] = [];
  let opened = 0;
  // A new URI each time: nothing of an earlier open (parse, settings, git answer) is reused.
  const open = async () => {
    const uri = `${folderUri}/opened-${opened++}.yaml`;
    const first = server.diagnostics(uri, (p) => p.version === 1);
    const every = server.diagnostics(uri, (p) => p.version === 1 && p.diagnostics.length === expected);
    const sent = performance.now();
    await server.open(uri, text, 1);
    firsts.push((await first).at - sent);
    const all = (await every).at - sent;
    const cleared = server.diagnostics(uri, (p) => p.diagnostics.length === 0);
    await server.close(uri);
    await cleared;
    return all;
  };
  const yls = await createYamlLanguageServer();
  const peerDocument = TextDocument.create('file:///peer.yaml', 'yaml', 1, text);
  // The same work in process, a fresh parse each time: what yaml-language-server's doValidation is timed against.
  let fresh = 0;
  const inProcess = wallTime(() => new InProcessEditor(`file:///in-process-open-${fresh++}.yaml`).edit(text));
  const [every, parse, peer, ours] = await interleaved(runs, [
    open,
    wallTime(() => parseAllDocuments(text)),
    wallTime(() => yls.doValidation(peerDocument, true)),
    inProcess,
  ]);
  const floor = median(parse);
  const ratio = { maxRatio: 2, stretchRatio: 1.5 };
  return [
    {
      name: `open ${size} → all ${expected} diagnostics`,
      unit: 'ms',
      statistic: 'median',
      samples: every,
      reference: 'yaml parseAllDocuments, in the bench',
      referenceValue: floor,
      target: ratio,
    },
    {
      name: 'open → its first diagnostics (same opens)',
      unit: 'ms',
      statistic: 'median',
      // The warm-up opens pushed theirs too.
      samples: firsts.slice(-runs),
      reference: 'yaml parseAllDocuments, in the bench',
      referenceValue: floor,
      target: ratio,
    },
    {
      // Like with like: both in one process, no transport; ours also builds the file's resources and the workspace analysis.
      name: "an open's work in process (parse, checks, certificates, resources, analysis)",
      unit: 'ms',
      statistic: 'median',
      samples: ours,
      reference: `yaml-language-server ${yls.version} doValidation, in the bench`,
      referenceValue: median(peer),
      // Faster than the peer's schema validation alone while doing more (certificates, cross-resource
      // analysis); half its time is the aim. The parse both share is two thirds of ours.
      target: { maxRatio: 1, stretchRatio: 0.5 },
    },
  ];
}

/** Opens the document that the edit and request rows type into, once all its diagnostics are out. */
async function openForEditing(server: BenchServer, uri: string, text: string): Promise<{ version: number }> {
  const expected = expectedDiagnostics(uri, text);
  const ready = server.diagnostics(uri, (p) => p.version === 1 && p.diagnostics.length === expected);
  await server.open(uri, text, 1);
  await ready;
  return { version: 1 };
}

/** The change that types a character at the place, or takes it out again. */
function keystroke(place: EditPlace, typed: boolean): { range: LspRange; text: string } {
  const at = { line: place.line, character: place.character };
  return typed ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: place.line, character: place.character + 1 } }, text: '' };
}

async function editRows(server: BenchServer, folderUri: string, text: string, places: EditPlace[], options: EditorBenchOptions): Promise<Row[]> {
  const uri = `${folderUri}/edited.yaml`;
  const document = await openForEditing(server, uri, text);
  const times = new Map(places.map((p) => [p.name, [] as number[]]));
  // The places take turns, so a slow spell of the machine falls on all three alike.
  await timings(Math.ceil(options.edits / 2), async (round) => {
    for (const place of places) {
      for (const typed of [true, false]) {
        const version = ++document.version;
        const published = server.diagnostics(uri, (p) => p.version === version);
        const change = keystroke(place, typed);
        const sent = performance.now();
        await server.change(uri, version, change.range, change.text);
        const at = (await published).at;
        if (round >= 0) times.get(place.name)!.push(at - sent);
      }
    }
  });
  await closeAndWait(server, uri);
  const debounce = options.debounces.EDIT_DEBOUNCE_MS;
  return places.map((place) => ({
    name: `edit at the ${place.name} (line ${place.line + 1}) → its diagnostics (debounce included)`,
    unit: 'ms',
    statistic: 'p95',
    samples: times.get(place.name)!,
    reference: "the server's edit debounce",
    referenceValue: debounce,
    target: { max: 100 },
  }));
}

type RequestKind = 'completion' | 'hover' | 'codeLens';

async function requestRows(
  server: BenchServer,
  folderUri: string,
  text: string,
  places: EditPlace[],
  options: EditorBenchOptions,
  floor: number,
): Promise<Row[]> {
  const uri = `${folderUri}/requested.yaml`;
  const document = await openForEditing(server, uri, text);
  const kinds: RequestKind[] = ['completion', 'hover', 'codeLens'];
  const times = new Map<string, number[]>();
  const send = (kind: RequestKind, place: EditPlace, typed: boolean) => {
    const textDocument = { uri };
    const cursor = { line: place.line, character: place.character + (typed ? 1 : 0) };
    if (kind === 'completion') return server.request('textDocument/completion', { textDocument, position: cursor });
    if (kind === 'hover') return server.request('textDocument/hover', { textDocument, position: place.key });
    return server.request('textDocument/codeLens', { textDocument });
  };
  await timings(Math.ceil(options.requests / 2), async (round) => {
    for (const place of places) {
      for (const kind of kinds) {
        for (const typed of [true, false]) {
          const version = ++document.version;
          const published = server.diagnostics(uri, (p) => p.version === version);
          const change = keystroke(place, typed);
          await server.change(uri, version, change.range, change.text);
          const sent = performance.now();
          await send(kind, place, typed);
          const answered = performance.now() - sent;
          // The edit's diagnostics come before the next edit, so each request meets the same server state.
          await published;
          const key = `${kind}@${place.name}`;
          if (round >= 0) times.set(key, [...(times.get(key) ?? []), answered]);
        }
      }
    }
  });
  await closeAndWait(server, uri);
  return kinds.flatMap((kind) =>
    places.map((place): Row => ({
      name: `${kind} at the ${place.name}, right after an edit`,
      unit: 'ms',
      statistic: 'p95',
      samples: times.get(`${kind}@${place.name}`)!,
      reference: 'yaml parseAllDocuments, in the bench',
      referenceValue: floor,
      // The issue sets 10 ms for completion and hover; a code lens answer for this file holds some
      // 600 lenses (170 KB of JSON), held to the per-keystroke work budget instead.
      target: { max: kind === 'codeLens' ? 25 : 10 },
    })),
  );
}

async function closeAndWait(server: BenchServer, uri: string): Promise<void> {
  const cleared = server.diagnostics(uri, (p) => p.diagnostics.length === 0);
  await server.close(uri);
  await cleared;
}

/**
 * The reference (the parse floor) is filled in once the open rows have measured it. The places are
 * timed in turns, like the other rows' references, so that none of them pays alone for what runs
 * first in this process (the edit path's compilation, the heap the open rows left).
 */
function inProcessRows(text: string, places: EditPlace[], edits: number): Row[] {
  const editors = places.map(() => new InProcessEditor('file:///in-process.yaml'));
  for (const editor of editors) editor.edit(text);
  const samples = places.map((): number[] => []);
  for (let i = -3; i < edits; i++) {
    places.forEach((place, index) => {
      const start = performance.now();
      editors[index].edit(editedText(text, place, i % 2 === 0));
      if (i >= 0) samples[index].push(performance.now() - start);
    });
  }
  return places.map((place, index) => ({
    name: `one edit's work at the ${place.name}, in process`,
    unit: 'ms',
    statistic: 'p95',
    samples: samples[index],
    reference: 'yaml parseAllDocuments, in the bench',
    referenceValue: 0,
    target: { max: 10 },
  }));
}
