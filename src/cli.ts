// The command line: mapsafe [flags] [paths...]
//
// Exit codes: 0 no findings, 1 findings, 2 usage error or a failure that stopped the run.
// Every error is one line on stderr starting with "mapsafe: "; never a stack trace
// (set MAPSAFE_DEBUG=1 to see one for an internal error).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Command as CommandType } from 'commander';
import { allRules } from '../rules/index.js';
import { discover } from './discover.js';
import { displayPath, sortedNotifications } from './report/common.js';
import { formatNotification, formats, render, type Format } from './report/index.js';
import type { Rule } from './rule.js';
import { readRuleDoc } from './ruledoc.js';
import { DEFAULT_MAX_FILE_SIZE, scanFiles } from './scan.js';
import { ConfigError, excluder, findConfig, readConfig, type LoadedConfig } from './config.js';
import type { Diagnostic } from './diagnostic.js';
import type { SarifOptions, SarifRuleInfo } from './report/index.js';
import { loadRuleDoc } from './ruledoc.js';
import { type Suppressed } from './suppress.js';
import { settleFindings } from './findings.js';
import type { ScanProgress, ScanResult } from './scan.js';
import { ResultCache, defaultCacheDir } from './cache.js';
import { toolName, version } from './version.js';
import type { Log as SarifLog } from 'sarif';

// require, not import: Node's ESM loader takes 4-5 times longer to wrap a CommonJS package.
const { Command, CommanderError, InvalidArgumentError, Option } = createRequire(import.meta.url)('commander') as typeof import('commander');

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress is shown only there, unless --progress). */
  stderrIsTTY?: boolean;
}

const processIo: Io = {
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: process.stderr.isTTY === true,
};

interface Flags {
  format: Format;
  output?: string;
  enable?: string[];
  disable?: string[];
  tests: boolean;
  listRules?: boolean;
  explain?: string;
  config?: string;
  showSuppressed?: boolean;
  includeSuppressed?: boolean;
  category?: string;
  baseline?: string;
  writeBaseline?: string;
  newFromRev?: string;
  /** Where --tests/--no-tests came from ("cli" when given). */
  testsSource?: string;
  jobs?: number;
  cache: boolean;
  cacheDir?: string;
  shard?: { index: number; count: number };
  maxFileSize?: number;
  progress?: boolean;
  fix?: boolean;
  diff?: boolean;
  /** Internal: how many --fix rounds ran before this scan. */
  fixRound?: number;
}

/** A failure the user can act on: printed as one line, exit code 2. */
class UsageError extends Error {}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

function shardSpec(value: string): { index: number; count: number } {
  const m = /^([0-9]+)\/([0-9]+)$/.exec(value);
  const index = m ? Number(m[1]) : 0;
  const count = m ? Number(m[2]) : 0;
  if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('expected K/N with 1 <= K <= N, e.g. 2/4');
  return { index, count };
}

function ruleList(value: string, previous: string[] | undefined): string[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...(previous ?? []), ...ids];
}

function program(io: Io): CommandType {
  return new Command()
    .name(toolName)
    .description('Find unsafe uses of Go maps: unguarded concurrent access and code that depends on the runtime map layout.')
    .argument('[paths...]', 'files, directories (their package only) or patterns like ./... (default: .)')
    .addOption(new Option('--format <format>', 'output format').choices(formats).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--enable <rules>', 'run only these rules (comma-separated, repeatable)', ruleList)
    .option('--disable <rules>', 'do not run these rules (comma-separated, repeatable)', ruleList)
    .option('--tests', 'scan _test.go files (the default; overrides "tests": false in the config)')
    .option('--no-tests', 'skip _test.go files (files named on the command line are always scanned)')
    .option('--list-rules', 'list the rules: id, severity, title')
    .option('--explain <rule>', "print a rule's documentation")
    .option('--config <file>', 'read this configuration file instead of the nearest .mapsafe.json')
    .option('--show-suppressed', 'text, json, github: also print findings suppressed by directives')
    .option('--include-suppressed', 'sarif: also emit suppressed findings, with their justification')
    .option('--category <name>', 'sarif: the run category, automationDetails.id (default: mapsafe)')
    .option('--baseline <file>', 'report only findings not in this SARIF baseline')
    .option('--write-baseline <file>', 'also write all findings to FILE as a SARIF baseline')
    .option('--new-from-rev <rev>', 'report only findings on lines added or changed since the git revision REV')
    .option('-j, --jobs <n>', 'worker threads (default: one per core)', positiveInt)
    .option('--no-cache', 'do not read or write the result cache')
    .option('--cache-dir <dir>', 'result cache directory (default: $XDG_CACHE_HOME/mapsafe or ~/.cache/mapsafe)')
    .option('--shard <k/n>', 'analyse only the k-th of n deterministic shares of the packages (for CI matrices)', shardSpec)
    .option('--progress', 'show a progress line on stderr even when it is not a terminal')
    .option('--fix', 'apply the safe fixes in place, then report what remains')
    .option('--diff', 'print the safe fixes as a unified diff and write nothing')
    .option('--max-file-size <bytes>', `skip files larger than this, with a notification (default: ${DEFAULT_MAX_FILE_SIZE})`, positiveInt)
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .addHelpText('after', '\nExit codes: 0 no findings, 1 findings, 2 usage error or failure.')
    .addHelpText('after', `\n${toolName} lsp: serve the Language Server Protocol on stdin/stdout (editors).`)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: () => {}, // reported as one line by main()
    })
    .showSuggestionAfterError(true);
}

function knownRule(id: string): Rule {
  const rule = allRules.find((r) => r.id === id);
  if (!rule) throw new UsageError(`unknown rule "${id}" (see --list-rules)`);
  return rule;
}

function selectRules(flags: Flags): Rule[] {
  if (flags.enable?.length === 0) throw new UsageError('--enable needs at least one rule id (see --list-rules)');
  const enabled = flags.enable?.map(knownRule) ?? allRules;
  const disabled = new Set(flags.disable?.map((id) => knownRule(id).id));
  return enabled.filter((r, i) => !disabled.has(r.id) && enabled.indexOf(r) === i);
}

function listRules(): string {
  const idWidth = Math.max(0, ...allRules.map((r) => r.id.length));
  const sevWidth = Math.max(0, ...allRules.map((r) => r.severity.length));
  return allRules.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(sevWidth)}  ${r.title}\n`).join('');
}

function explain(id: string): string {
  knownRule(id);
  try {
    return readRuleDoc(id);
  } catch {
    throw new UsageError(`no documentation found for rule "${id}"`);
  }
}

function readSourceOrUndefined(file: string, maxBytes = DEFAULT_MAX_FILE_SIZE): string | undefined {
  try {
    // Only regular files within the size limit: reading a FIFO would block.
    const info = statSync(file);
    if (!info.isFile() || info.size > maxBytes) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function run(paths: string[], flags: Flags, io: Io): Promise<number> {
  if (flags.listRules) {
    io.stdout(listRules());
    return EXIT_CLEAN;
  }
  if (flags.explain !== undefined) {
    io.stdout(explain(flags.explain));
    return EXIT_CLEAN;
  }
  const config = loadConfig(flags, io.cwd);
  const rules = selectRules({ ...flags, enable: flags.enable ?? config?.config.enable, disable: flags.disable ?? config?.config.disable });
  const includeTests = flags.testsSource === 'cli' ? flags.tests : (config?.config.tests ?? true);
  const found = withExcludes(await discover(paths, { cwd: io.cwd, includeTests }), excluder(config));
  if (found.errors.length > 0) throw new UsageError(found.errors.join('; '));
  if (found.files.length === 0) io.stderr(`${toolName}: no .go files found in ${paths.length ? paths.join(' ') : '.'}\n`);

  const progress = progressLine(io, flags.progress === true);
  // --fix/--diff check the fixes against exactly the texts that were scanned.
  // Loaded only by the runs that use them (start-up time of pre-commit runs): fixes and their diff.
  const apply = flags.fix || flags.diff ? await import('./apply.js') : undefined;
  const scanned = apply?.snapshotFiles(found.files);
  const result = await scanFiles(found.files, {
    rules,
    ...(scanned ? { overlays: scanned } : {}),
    ...(found.reportOnly ? { reportOnly: found.reportOnly } : {}),
    ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
    ...(flags.shard ? { shard: flags.shard } : {}),
    cache: flags.cache ? new ResultCache(flags.cacheDir !== undefined ? resolve(io.cwd, flags.cacheDir) : defaultCacheDir()) : null,
    onProgress: progress.update,
    shortLived: true,
    ...(flags.maxFileSize !== undefined ? { maxFileSize: flags.maxFileSize } : {}),
  });
  progress.clear();
  if (found.skipped.length > 0) result.notifications = sortedNotifications([...found.skipped, ...result.notifications]);
  for (const n of result.notifications) io.stderr(`${formatNotification(n, io.cwd)}\n`);

  const post = await afterScan(result, found, rules, config, flags, io.cwd);
  if (apply && scanned) {
    const written = await apply.fixStep(post.diagnostics, scanned, io.cwd, flags.diff === true, io, toolName);
    if (flags.diff) return post.counted.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
    // Re-scan the fixed code (fixes skipped as conflicting get another round); the exit code is that of the fixed code.
    if (written.length > 0 && (flags.fixRound ?? 0) < 3) return run(paths, { ...flags, fixRound: (flags.fixRound ?? 0) + 1 }, io);
  }
  const shown = flags.showSuppressed ? [...post.diagnostics, ...post.suppressed.map((s) => s.diagnostic)] : post.diagnostics;
  const reportInput = {
    diagnostics: flags.format === 'sarif' ? post.diagnostics : shown,
    notifications: result.notifications,
    cwd: io.cwd,
    source: post.source,
  };
  const report = render(flags.format, reportInput, flags.format === 'sarif' ? post.sarif() : undefined);
  if (flags.writeBaseline !== undefined) {
    const all = { ...reportInput, diagnostics: post.beforeFilters };
    const { baseline: _none, suppressed: _also, ...plain } = post.sarif();
    writeReport(io.cwd, flags.writeBaseline, render('sarif', all, plain));
  }
  if (flags.output !== undefined) {
    const out = resolve(io.cwd, flags.output);
    try {
      writeFileSync(out, report);
    } catch (e) {
      throw new UsageError(`cannot write ${flags.output}: ${errorMessage(e)}`);
    }
  } else {
    io.stdout(report);
  }
  return post.counted.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

function writeReport(cwd: string, file: string, text: string): void {
  try {
    writeFileSync(resolve(cwd, file), text);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${errorMessage(e)}`);
  }
}

function loadConfig(flags: Flags, cwd: string): LoadedConfig | undefined {
  const path = flags.config !== undefined ? resolve(cwd, flags.config) : findConfig(cwd);
  if (path === undefined) return undefined;
  try {
    return readConfig(path, new Set(allRules.map((r) => r.id)), displayPath(path, cwd));
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}

/** Files matched by the config's exclude patterns are not reported, nor scanned unless a package needs them. */
function withExcludes<T extends { files: string[]; reportOnly?: Set<string> }>(found: T, excluded: (f: string) => boolean): T {
  const out = found.files.filter((f) => excluded(f));
  if (out.length === 0) return found;
  const kept = found.files.filter((f) => !excluded(f));
  const dirs = new Set(kept.map((f) => dirname(f)));
  const reportOnly = new Set([...(found.reportOnly ?? kept)].filter((f) => !excluded(f)));
  return { ...found, files: found.files.filter((f) => dirs.has(dirname(f))), reportOnly };
}

/** Severity overrides, suppressions, --new-from-rev and --baseline, in that order. */
async function afterScan(
  { diagnostics, directives }: { diagnostics: readonly Diagnostic[]; directives: ScanResult['directives'] },
  found: { files: string[]; reportOnly?: Set<string> },
  rules: readonly Rule[],
  config: LoadedConfig | undefined,
  flags: Flags,
  cwd: string,
) {
  const texts = new Map<string, string | undefined>();
  const source = (f: string) => {
    if (!texts.has(f)) texts.set(f, readSourceOrUndefined(f, flags.maxFileSize));
    return texts.get(f);
  };
  const severity = config?.config.severity ?? {};
  // git and SARIF baselines are loaded only by the runs that use them.
  const git = flags.newFromRev !== undefined || flags.baseline !== undefined || flags.writeBaseline !== undefined || flags.format === 'sarif' ? await import('./newcode.js') : undefined;
  const suppression = settleFindings(diagnostics, {
    severity,
    rules,
    knownRules: new Set(allRules.map((r) => r.id)),
    files: found.files,
    source,
    directives,
    ...(found.reportOnly ? { reportOnly: found.reportOnly } : {}),
    // A shard sees only some packages' findings: a directive elsewhere may look unused.
    complete: flags.shard === undefined,
  });
  const beforeFilters = suppression.diagnostics;
  let reported = beforeFilters;
  if (git && flags.newFromRev !== undefined) {
    try {
      reported = git.onChangedLines(reported, git.changedSince(flags.newFromRev, cwd));
    } catch (e) {
      if (e instanceof git.GitError) throw new UsageError(e.message);
      throw e;
    }
  }
  // git is asked only when SARIF or a baseline needs the source root.
  let tree: { root: string | undefined } | undefined;
  const workTree = () => (tree ??= { root: git?.gitWorkTree(cwd) }).root;
  const srcRoot = () => workTree() ?? cwd;
  let baseline: SarifOptions['baseline'];
  if (flags.baseline !== undefined) {
    const { BaselineError, compareWithBaseline, readBaseline } = await import('./baseline.js');
    let previous;
    try {
      previous = readBaseline(resolve(cwd, flags.baseline), flags.baseline);
    } catch (e) {
      if (e instanceof BaselineError) throw new UsageError(e.message);
      throw e;
    }
    const cmp = compareWithBaseline(reported, previous, srcRoot(), source);
    baseline = { state: (d) => (cmp.fresh.has(d) ? 'new' : 'unchanged'), absent: cmp.absent };
    if (flags.format !== 'sarif') reported = reported.filter((d) => cmp.fresh.has(d));
  }
  const suppressed: Suppressed[] = suppression.suppressed;
  const sarif = (): SarifOptions => {
    const provenance = git && workTree() !== undefined ? git.gitProvenance(srcRoot()) : undefined;
    const infos: SarifRuleInfo[] = rules.map((r) => {
      const meta = { ...r, severity: severity[r.id] ?? r.severity };
      try {
        const doc = loadRuleDoc(r.id);
        return { meta, summary: doc.summary, markdown: readRuleDoc(r.id) };
      } catch {
        return { meta };
      }
    });
    return {
      rules: infos,
      srcRoot: srcRoot(),
      ...(flags.category !== undefined ? { category: flags.category } : {}),
      ...(provenance ? { provenance } : {}),
      ...(flags.includeSuppressed ? { suppressed } : {}),
      ...(baseline ? { baseline } : {}),
    };
  };
  // Exit status and text output count new findings only; the SARIF run also carries unchanged ones.
  const counted = baseline ? reported.filter((d) => baseline.state(d) === 'new') : reported;
  return { diagnostics: reported, counted, suppressed, beforeFilters, source, sarif };
}

/** A progress line on stderr for scans longer than a second: on a terminal, or when asked. */
function progressLine(io: Io, forced: boolean): { update: (p: ScanProgress) => void; clear: () => void } {
  const enabled = forced || (io.stderrIsTTY === true && !process.env.CI);
  const started = Date.now();
  let shown = false;
  return {
    update(p) {
      const elapsed = (Date.now() - started) / 1000;
      if (!enabled || elapsed < 1) return;
      const rate = p.bytes / 1e6 / elapsed;
      io.stderr(`\r${toolName}: ${p.directoriesDone}/${p.directories} packages, ${p.files} files, ${rate.toFixed(1)} MB/s`);
      shown = true;
    },
    clear() {
      if (shown) io.stderr(forced && io.stderrIsTTY !== true ? '\n' : '\r\x1b[K');
    },
  };
}

function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ').trim();
}

/** `mapsafe merge-sarif A.sarif B.sarif ...`: one SARIF log from the logs of shards, on stdout. */
async function mergeSarifCommand(files: string[], io: Io): Promise<number> {
  const { MergeError, mergeSarif } = await import('./report/merge-sarif.js');
  if (files.length === 0 || files.some((f) => f.startsWith('-'))) {
    if (files.includes('--help') || files.includes('-h')) {
      io.stdout(`Usage: ${toolName} merge-sarif A.sarif B.sarif ... > all.sarif\n\nCombine the SARIF of shards (--shard K/N --format sarif) into one run.\n`);
      return EXIT_CLEAN;
    }
    throw new UsageError(`merge-sarif: usage: ${toolName} merge-sarif A.sarif B.sarif ... > all.sarif`);
  }
  const logs = files.map((f) => {
    try {
      return JSON.parse(readFileSync(resolve(io.cwd, f), 'utf8')) as SarifLog;
    } catch (e) {
      throw new UsageError(`merge-sarif: cannot read ${f}: ${errorMessage(e)}`);
    }
  });
  try {
    io.stdout(`${JSON.stringify(mergeSarif(logs), null, 2)}\n`);
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(`merge-sarif: ${e.message}`);
    throw e;
  }
  return EXIT_CLEAN;
}

/** `mapsafe lsp [--stdio]`: the language server on stdin/stdout. Resolves only if it cannot start. */
async function lsp(args: string[], io: Io): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(`Usage: ${toolName} lsp [--stdio]\n\nServe the Language Server Protocol on stdin/stdout (see README.md, "Editors").\n`);
    return EXIT_CLEAN;
  }
  const unknown = args.find((a) => a !== '--stdio');
  if (unknown !== undefined) throw new UsageError(`lsp: unknown argument ${unknown} (usage: ${toolName} lsp [--stdio])`);
  const { serveStdio } = await import('./lsp/server.js');
  serveStdio();
  return new Promise<number>(() => {}); // the server ends the process when the client sends exit
}

/** Runs the command line; returns the exit code. Never throws. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    if (argv[0] === 'lsp') return await lsp(argv.slice(1), io);
    if (argv[0] === 'merge-sarif') return await mergeSarifCommand(argv.slice(1), io);
    const cmd = program(io);
    await cmd.parseAsync(argv, { from: 'user' });
    return await run(cmd.processedArgs[0] as string[], { ...cmd.opts<Flags>(), testsSource: cmd.getOptionValueSource('tests') }, io);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
        return EXIT_CLEAN;
      }
      io.stderr(`${toolName}: ${errorMessage(e).replace(/^error: /, '')}\n`);
      return EXIT_ERROR;
    }
    if (e instanceof UsageError) {
      io.stderr(`${toolName}: ${e.message}\n`);
      return EXIT_ERROR;
    }
    io.stderr(`${toolName}: internal error: ${errorMessage(e)}\n`);
    if (process.env.MAPSAFE_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return EXIT_ERROR;
  }
}
