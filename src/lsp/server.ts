// `mapsafe lsp`: a language server over stdio. Diagnostics are pushed
// (textDocument/publishDiagnostics) when a Go file is opened or saved, and 300 ms after the
// last change; each scan covers the file's whole package: the editor's unsaved buffers of
// that directory together with the other files on disk. Fixes are offered as quickfix code
// actions. One scan runs at a time; a directory changed again while queued is scanned once.
// When the client can watch files, changes on disk to the package's other .go files and to
// .mapsafe.json re-analyse the open documents they affect. While a buffer does not parse
// (mid-edit), its last diagnostics stay rather than vanish.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type DidChangeWatchedFilesParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { configFileName } from '../config.js';
import { discover } from '../discover.js';
import { scanFiles } from '../scan.js';
import { toolName, version } from '../version.js';
import { convert, fileUri, rangesTouch, type Converted } from './convert.js';
import { afterScan, editorSettings, projectSettings, type EditorSettings } from './settings.js';

export const changeDelayMs = 300;

function goFilePath(uri: string): string | undefined {
  if (!uri.startsWith('file:') || !uri.endsWith('.go')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export class MapsafeServer {
  private readonly documents = new TextDocuments(TextDocument);
  private editor: EditorSettings = {};
  /** Diagnostics last published for a document, with their quick fixes. */
  private readonly published = new Map<string, Converted[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue: string[] = [];
  private running: Promise<void> | undefined;
  private readonly shownProblems = new Set<string>();

  constructor(private readonly connection: Connection) {
    let watchFiles = false;
    connection.onInitialize((params) => {
      this.editor = editorSettings(params.initializationOptions);
      watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        },
        serverInfo: { name: toolName, version },
      };
    });
    connection.onInitialized(() => {
      if (!watchFiles) return;
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.go' }, { globPattern: `**/${configFileName}` }],
      });
    });
    connection.onDidChangeWatchedFiles((params) => this.filesChanged(params));
    connection.onDidChangeConfiguration((params) => {
      this.editor = editorSettings(params.settings);
      for (const dir of this.openDirectories()) this.schedule(dir, 0);
    });
    this.documents.onDidOpen((e) => this.scheduleFor(e.document.uri, 0));
    this.documents.onDidChangeContent((e) => this.scheduleFor(e.document.uri, changeDelayMs));
    this.documents.onDidSave((e) => this.scheduleFor(e.document.uri, 0));
    this.documents.onDidClose((e) => {
      this.published.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      this.scheduleFor(e.document.uri, 0); // the package's other open files now see the file on disk
    });
    connection.onCodeAction((params) => this.codeActions(params));
    this.documents.listen(connection);
  }

  private openDirectories(): Set<string> {
    const dirs = new Set<string>();
    for (const doc of this.documents.all()) {
      const file = goFilePath(doc.uri);
      if (file) dirs.add(dirname(file));
    }
    return dirs;
  }

  /** Files changed on disk: the package's other files, or a configuration file. */
  private filesChanged(params: DidChangeWatchedFilesParams): void {
    const open = this.openDirectories();
    for (const change of params.changes) {
      if (change.uri.endsWith(`/${configFileName}`)) {
        for (const dir of open) this.schedule(dir, changeDelayMs);
        continue;
      }
      if (this.documents.get(change.uri)) continue; // the editor's buffer is what counts
      const file = goFilePath(change.uri);
      if (file && open.has(dirname(file))) this.schedule(dirname(file), changeDelayMs);
    }
  }

  private scheduleFor(uri: string, delay: number): void {
    const file = goFilePath(uri);
    if (file) this.schedule(dirname(file), delay);
  }

  private schedule(dir: string, delay: number): void {
    clearTimeout(this.timers.get(dir));
    this.timers.set(
      dir,
      setTimeout(() => {
        this.timers.delete(dir);
        if (!this.queue.includes(dir)) this.queue.push(dir);
        this.running ??= this.drain();
      }, delay),
    );
  }

  private async drain(): Promise<void> {
    try {
      for (let dir = this.queue.shift(); dir !== undefined; dir = this.queue.shift()) {
        try {
          await this.analyse(dir);
        } catch (e) {
          this.connection.console.error(`${toolName}: ${dir}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  /** Scans the package in `dir` with the open documents' texts; publishes for each open document there. */
  private async analyse(dir: string): Promise<void> {
    const open = new Map<string, TextDocument>();
    for (const doc of this.documents.all()) {
      const file = goFilePath(doc.uri);
      if (file && dirname(file) === dir) open.set(file, doc);
    }
    if (open.size === 0) return;
    const settings = projectSettings(dir, this.editor);
    for (const p of settings.problems) this.showOnce(p);

    const overlays = new Map([...open].map(([file, doc]) => [file, doc.getText()]));
    const versions = new Map([...open].map(([file, doc]) => [file, doc.version]));
    const found = await discover([dir], { cwd: dir, includeTests: settings.includeTests });
    const files = [...new Set([...found.files.filter((f) => !settings.excluded(f)), ...open.keys()])].sort();
    const reportOnly = new Set([...open.keys()].filter((f) => !settings.excluded(f)));
    const result = await scanFiles(files, { rules: settings.rules, reportOnly, overlays });
    for (const n of result.notifications) this.connection.console.log(`${toolName}: ${n.file}: ${n.message}`);
    const unparsed = new Set(result.notifications.filter((n) => n.kind === 'parse-error').map((n) => n.file));

    const texts = new Map<string, string | undefined>(overlays);
    const source = (f: string) => {
      if (!texts.has(f)) texts.set(f, readOrUndefined(f));
      return texts.get(f);
    };
    const diagnostics = afterScan(result.diagnostics, files, settings, reportOnly, source);
    const uriOf = (f: string) => open.get(f)?.uri ?? fileUri(f);
    for (const [file, doc] of open) {
      // A newer edit is already scheduled: its scan publishes.
      if (this.documents.get(doc.uri)?.version !== versions.get(file)) continue;
      // Mid-edit syntax errors: keep what was shown (gopls reports the syntax error itself).
      if (unparsed.has(file) && this.published.has(doc.uri)) continue;
      const mine = diagnostics.filter((d) => d.location.file === file).map((d) => convert(d, source, uriOf));
      this.published.set(doc.uri, mine);
      await this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: mine.map((c) => c.diagnostic) });
    }
  }

  private codeActions(params: CodeActionParams): CodeAction[] {
    const only = params.context.only;
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
    const entries = this.published.get(params.textDocument.uri) ?? [];
    return entries.filter((c) => rangesTouch(c.diagnostic.range, params.range)).flatMap((c) => c.actions);
  }

  private showOnce(message: string): void {
    if (this.shownProblems.has(message)) return;
    this.shownProblems.add(message);
    void this.connection.window.showWarningMessage(`${toolName}: ${message}`);
  }
}

/** Serves LSP on stdin/stdout until the client sends `exit` (the library then ends the process). */
export function serveStdio(): MapsafeServer {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const server = new MapsafeServer(connection);
  connection.listen();
  return server;
}
