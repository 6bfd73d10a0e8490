// The language server driven over stdio by a JSON-RPC client, as an editor would: the built
// command (node bin/mapsafe.js lsp, compiled by `npm test`'s tsc step) in a child process.
// createMessageConnection and the stream reader/writer are vscode-jsonrpc's, re-exported by
// vscode-languageserver/node.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../src/diagnostic.js';
import { convert, rangesTouch, ruleDocUrl } from '../src/lsp/convert.js';
import { editorSettings } from '../src/lsp/settings.js';
import { positionAt } from '../src/report/common.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'mapsafe.js');

// The write is racy only because b.go (on disk) registers the function as an HTTP handler.
const racyA = `package main

import "net/http"

var visits = map[string]int{}

func handleVisit(w http.ResponseWriter, r *http.Request) {
	visits[r.URL.Path]++
}
`;
const cleanA = `package main

import (
	"net/http"
	"sync"
)

var (
	mu     sync.Mutex
	visits = map[string]int{}
)

func handleVisit(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	visits[r.URL.Path]++
	mu.Unlock()
}
`;
const b = `package main

import "net/http"

func main() {
	http.HandleFunc("/visit", handleVisit)
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
`;
const cast = `package cast

import "unsafe"

func Count(m map[string]int) int {
	return *(*int)(*(*unsafe.Pointer)(unsafe.Pointer(&m)))
}
`;

let tmp: string;
let child: ChildProcessWithoutNullStreams;
let conn: MessageConnection;
let stderr = '';
const published: PublishDiagnosticsParams[] = [];
const registrations: { method: string; registerOptions?: unknown }[] = [];
const uri = (...parts: string[]) => pathToFileURL(join(tmp, ...parts)).href;

/** The first publication for `u` after `from` (an index into `published`) that satisfies `ok`. */
async function diagnosticsFor(u: string, from: number, ok: (d: LspDiagnostic[]) => boolean = () => true): Promise<LspDiagnostic[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const hit = published.slice(from).find((p) => p.uri === u && ok(p.diagnostics));
    if (hit) return hit.diagnostics;
    if (Date.now() > deadline) throw new Error(`no diagnostics for ${u}; got ${JSON.stringify(published.slice(from))}; stderr: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function open(u: string, text: string, version = 1): void {
  void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'go', version, text } });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'mapsafe-lsp-'));
  mkdirSync(join(tmp, 'web'));
  mkdirSync(join(tmp, 'cast'));
  writeFileSync(join(tmp, 'web', 'a.go'), cleanA); // the editor's buffer differs from the disk
  writeFileSync(join(tmp, 'web', 'b.go'), b);
  writeFileSync(join(tmp, 'cast', 'cast.go'), cast);
  child = spawn(process.execPath, [bin, 'lsp', '--stdio'], { cwd: tmp });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
  });
  conn.onNotification('window/showMessage', () => {});
  conn.onNotification('window/logMessage', () => {});
  conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    registrations.push(...p.registrations);
    return null;
  });
  conn.listen();
  const init = await conn.sendRequest<{ capabilities: Record<string, unknown>; serverInfo: { name: string } }>('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(tmp).href,
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  expect(init.serverInfo.name).toBe('mapsafe');
  expect(init.capabilities).toMatchObject({ codeActionProvider: { codeActionKinds: ['quickfix'] } });
  await conn.sendNotification('initialized', {});
});

afterAll(() => {
  conn?.dispose();
  child?.kill();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('mapsafe lsp over stdio', () => {
  it('publishes diagnostics for an unsaved buffer analysed with its package on disk', async () => {
    const from = published.length;
    open(uri('web', 'a.go'), racyA);
    const [d, ...rest] = await diagnosticsFor(uri('web', 'a.go'), from);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      range: { start: { line: 7, character: 1 }, end: { line: 7, character: 7 } },
      severity: 1,
      code: 'unguarded-map-write',
      codeDescription: { href: ruleDocUrl('unguarded-map-write') },
      source: 'mapsafe',
    });
    expect(ruleDocUrl('unguarded-map-write')).toMatch(/^https:\/\/.*\/rules\/unguarded-map-write\.md$/);
    expect(d!.message).toMatch(/^write to map visits in the http handler registered at b\.go:6/);
    expect(d!.relatedInformation).toEqual([
      {
        location: { uri: uri('web', 'b.go'), range: { start: { line: 5, character: 1 }, end: { line: 5, character: 39 } } },
        message: 'goroutine started here',
      },
    ]);
  });

  it('offers the fixes of a diagnostic as quickfix code actions whose workspace edits remove the finding', async () => {
    // A package of its own, so that applying the fix leaves the other tests' documents alone.
    mkdirSync(join(tmp, 'fix'));
    writeFileSync(join(tmp, 'fix', 'a.go'), racyA);
    writeFileSync(join(tmp, 'fix', 'b.go'), b);
    const u = uri('fix', 'a.go');
    let from = published.length;
    open(u, racyA);
    const [d] = await diagnosticsFor(u, from);
    const actions = await conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: { start: d!.range.start, end: d!.range.start },
      context: { diagnostics: [d], only: ['quickfix'] },
    });
    for (const a of actions) {
      expect(a.kind).toBe('quickfix');
      expect(a.diagnostics).toEqual([d]);
      expect(Object.keys(a.edit!.changes!)).toEqual([u]);
    }
    const none = await conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
      context: { diagnostics: [] },
    });
    expect(none).toEqual([]);
    const fix = actions[0];
    if (fix) {
      const fixed = TextDocument.applyEdits(TextDocument.create(u, 'go', 1, racyA), fix.edit!.changes![u]!);
      from = published.length;
      void conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: fixed }] });
      expect(await diagnosticsFor(u, from)).toEqual([]);
    }
    void conn.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
  });

  it('re-analyses 300 ms after a change, on the changed text', async () => {
    const from = published.length;
    const sent = Date.now();
    void conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri('web', 'a.go'), version: 2 },
      contentChanges: [{ text: cleanA }],
    });
    expect(await diagnosticsFor(uri('web', 'a.go'), from)).toEqual([]);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(250);
    const last = published.filter((p) => p.uri === uri('web', 'a.go')).at(-1);
    expect(last?.version).toBe(2);
  });

  it('applies incremental changes, and re-analyses on save', async () => {
    let from = published.length;
    // Replace lines 14-16 (lock, write, unlock) of cleanA by the bare write.
    void conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri('web', 'a.go'), version: 3 },
      contentChanges: [{ range: { start: { line: 13, character: 0 }, end: { line: 16, character: 0 } }, text: '\tvisits[r.URL.Path]++\n' }],
    });
    expect((await diagnosticsFor(uri('web', 'a.go'), from)).map((d) => d.code)).toEqual(['unguarded-map-write']);
    from = published.length;
    void conn.sendNotification('textDocument/didSave', { textDocument: { uri: uri('web', 'a.go') } });
    expect((await diagnosticsFor(uri('web', 'a.go'), from)).map((d) => d.code)).toEqual(['unguarded-map-write']);
  });

  it('follows workspace/didChangeConfiguration (mapsafe.enable / mapsafe.disable)', async () => {
    let from = published.length;
    open(uri('cast', 'cast.go'), cast);
    expect((await diagnosticsFor(uri('cast', 'cast.go'), from)).map((d) => d.code)).toEqual(['unsafe-map-cast']);
    from = published.length;
    void conn.sendNotification('workspace/didChangeConfiguration', { settings: { mapsafe: { disable: ['unsafe-map-cast'] } } });
    expect(await diagnosticsFor(uri('cast', 'cast.go'), from)).toEqual([]);
    expect((await diagnosticsFor(uri('web', 'a.go'), from)).map((d) => d.code)).toEqual(['unguarded-map-write']);
    from = published.length;
    void conn.sendNotification('workspace/didChangeConfiguration', { settings: { mapsafe: { enable: ['unsafe-map-cast'] } } });
    expect((await diagnosticsFor(uri('cast', 'cast.go'), from)).map((d) => d.code)).toEqual(['unsafe-map-cast']);
    expect(await diagnosticsFor(uri('web', 'a.go'), from)).toEqual([]);
    from = published.length;
    void conn.sendNotification('workspace/didChangeConfiguration', { settings: { mapsafe: {} } });
    await diagnosticsFor(uri('cast', 'cast.go'), from);
    await diagnosticsFor(uri('web', 'a.go'), from);
  });

  it('watches the package files and .mapsafe.json on disk, and re-analyses when they change', async () => {
    for (let i = 0; i < 100 && registrations.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(registrations).toEqual([
      { id: expect.any(String), method: 'workspace/didChangeWatchedFiles', registerOptions: { watchers: [{ globPattern: '**/*.go' }, { globPattern: '**/.mapsafe.json' }] } },
    ]);
    const changed = (u: string) => void conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: u, type: 2 }] });
    try {
      // b.go no longer registers the handler: the write in the buffer of a.go is no longer racy.
      writeFileSync(join(tmp, 'web', 'b.go'), b.replace(/\thttp\.HandleFunc.*\n/, ''));
      const from = published.length;
      changed(uri('web', 'b.go'));
      expect(await diagnosticsFor(uri('web', 'a.go'), from)).toEqual([]);
    } finally {
      writeFileSync(join(tmp, 'web', 'b.go'), b);
    }
    const from = published.length;
    changed(uri('web', 'b.go'));
    expect((await diagnosticsFor(uri('web', 'a.go'), from)).map((d) => d.code)).toEqual(['unguarded-map-write']);
  });

  it('keeps the diagnostics shown while the buffer does not parse', async () => {
    const from = published.length;
    void conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri('web', 'a.go'), version: 4 },
      contentChanges: [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: 'func (\n' }],
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(published.slice(from).filter((p) => p.uri === uri('web', 'a.go'))).toEqual([]);
    void conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri('web', 'a.go'), version: 5 },
      contentChanges: [{ range: { start: { line: 8, character: 0 }, end: { line: 9, character: 0 } }, text: '' }],
    });
    expect((await diagnosticsFor(uri('web', 'a.go'), from)).map((d) => d.code)).toEqual(['unguarded-map-write']);
  });

  it('analyses a new file that exists only in the editor', async () => {
    const from = published.length;
    open(uri('cast', 'unsaved.go'), cast.replace('func Count', 'func Count2'));
    expect((await diagnosticsFor(uri('cast', 'unsaved.go'), from)).map((d) => [d.code, d.range.start.line])).toEqual([['unsafe-map-cast', 5]]);
    void conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri('cast', 'unsaved.go') } });
    expect(await diagnosticsFor(uri('cast', 'unsaved.go'), from, (d) => d.length === 0)).toEqual([]);
  });

  it('reads .mapsafe.json for every scan', async () => {
    writeFileSync(join(tmp, '.mapsafe.json'), JSON.stringify({ disable: ['unsafe-map-cast'] }));
    try {
      const from = published.length;
      void conn.sendNotification('textDocument/didSave', { textDocument: { uri: uri('cast', 'cast.go') } });
      expect(await diagnosticsFor(uri('cast', 'cast.go'), from)).toEqual([]);
    } finally {
      rmSync(join(tmp, '.mapsafe.json'));
    }
  });

  it('clears a closed document and exits on shutdown/exit', async () => {
    const from = published.length;
    void conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri('cast', 'cast.go') } });
    expect(await diagnosticsFor(uri('cast', 'cast.go'), from)).toEqual([]);
    await conn.sendRequest('shutdown');
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    void conn.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});

describe('LSP conversion', () => {
  const file = '/proj/a.go';
  const text = 'package p\n\nvar s = "é😀"; var m = map[string]int{}\nfunc f() { m["k"] = 1 }\n';
  const at = text.indexOf('m["k"]');
  const withFix: Diagnostic = {
    ruleId: 'unguarded-map-write',
    severity: 'warning',
    message: 'map m is written in f',
    location: { file, range: { start: positionAt(text, at), end: positionAt(text, at + 10), startIndex: at, endIndex: at + 10 } },
    related: [],
    fixes: [
      { title: 'Guard the write with mu.Lock()', safe: true, edits: [{ file, startIndex: at, endIndex: at, newText: 'mu.Lock(); ' }] },
      { title: 'Edit a file whose text is unknown', safe: false, edits: [{ file: '/proj/gone.go', startIndex: 0, endIndex: 0, newText: 'x' }] },
    ],
  };

  it('turns fixes into quickfix code actions with workspace edits in UTF-16 positions', () => {
    const { diagnostic, actions } = convert(withFix, (f) => (f === file ? text : undefined));
    expect(diagnostic).toMatchObject({ severity: 2, code: 'unguarded-map-write', range: { start: { line: 3, character: 11 } } });
    expect(diagnostic.relatedInformation).toBeUndefined();
    expect(actions).toEqual([
      {
        title: 'Guard the write with mu.Lock()',
        kind: 'quickfix',
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { 'file:///proj/a.go': [{ range: { start: { line: 3, character: 11 }, end: { line: 3, character: 11 } }, newText: 'mu.Lock(); ' }] } },
      },
    ]);
    // "é😀" are 3 UTF-16 code units: the column of `m` on line 3 counts them as such.
    const m = text.indexOf('m = map');
    const onEmojiLine = convert({ ...withFix, fixes: [{ title: 't', safe: false, edits: [{ file, startIndex: m, endIndex: m + 1, newText: 'n' }] }] }, () => text);
    expect(onEmojiLine.actions[0]!.edit!.changes!['file:///proj/a.go']![0]!.range).toEqual({ start: { line: 2, character: 19 }, end: { line: 2, character: 20 } });
  });

  it('matches code action ranges that touch a diagnostic', () => {
    const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
    expect(rangesTouch(r(3, 11, 3, 21), r(3, 21, 3, 21))).toBe(true);
    expect(rangesTouch(r(3, 11, 3, 21), r(3, 0, 3, 11))).toBe(true);
    expect(rangesTouch(r(3, 11, 3, 21), r(3, 22, 3, 22))).toBe(false);
    expect(rangesTouch(r(3, 11, 3, 21), r(2, 0, 2, 40))).toBe(false);
  });

  it('reads editor settings from a didChangeConfiguration payload or initializationOptions', () => {
    expect(editorSettings({ mapsafe: { enable: ['a', 3], disable: ['b'] } })).toEqual({ enable: ['a'], disable: ['b'] });
    expect(editorSettings({ enable: ['a'] })).toEqual({ enable: ['a'] });
    expect(editorSettings(null)).toEqual({});
    expect(editorSettings({ mapsafe: 'x' })).toEqual({});
  });
});
