// The command line: mapsafe [flags] [paths...]
//
// Exit codes: 0 no findings, 1 findings, 2 usage error or a failure that stopped the run.
// Every error is one line on stderr starting with "mapsafe: "; never a stack trace
// (set MAPSAFE_DEBUG=1 to see one for an internal error).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { allRules } from '../rules/index.js';
import { discover } from './discover.js';
import { filesWithEdits, formatNotification, formats, render, type Format } from './report/index.js';
import type { Rule } from './rule.js';
import { readRuleDoc } from './ruledoc.js';
import { scanFiles } from './scan.js';
import { toolName, version } from './version.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: Io = {
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

interface Flags {
  format: Format;
  output?: string;
  enable?: string[];
  disable?: string[];
  tests: boolean;
  listRules?: boolean;
  explain?: string;
}

/** A failure the user can act on: printed as one line, exit code 2. */
class UsageError extends Error {}

function ruleList(value: string, previous: string[] | undefined): string[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...(previous ?? []), ...ids];
}

function program(io: Io): Command {
  return new Command()
    .name(toolName)
    .description('Find unsafe uses of Go maps: unguarded concurrent access and code that depends on the runtime map layout.')
    .argument('[paths...]', 'files, directories (their package only) or patterns like ./... (default: .)')
    .addOption(new Option('--format <format>', 'output format').choices(formats).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--enable <rules>', 'run only these rules (comma-separated, repeatable)', ruleList)
    .option('--disable <rules>', 'do not run these rules (comma-separated, repeatable)', ruleList)
    .option('--no-tests', 'skip _test.go files (files named on the command line are always scanned)')
    .option('--list-rules', 'list the rules: id, severity, title')
    .option('--explain <rule>', "print a rule's documentation")
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .addHelpText('after', '\nExit codes: 0 no findings, 1 findings, 2 usage error or failure.')
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

function readSourceOrUndefined(file: string): string | undefined {
  try {
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
  const rules = selectRules(flags);
  const found = await discover(paths, { cwd: io.cwd, includeTests: flags.tests });
  if (found.errors.length > 0) throw new UsageError(found.errors.join('; '));
  if (found.files.length === 0) io.stderr(`${toolName}: no .go files found in ${paths.length ? paths.join(' ') : '.'}\n`);

  const result = await scanFiles(found.files, found.reportOnly ? { rules, reportOnly: found.reportOnly } : { rules });
  for (const n of result.notifications) io.stderr(`${formatNotification(n, io.cwd)}\n`);

  const sources = new Map(filesWithEdits(result.diagnostics).map((f) => [f, readSourceOrUndefined(f)]));
  const report = render(flags.format, {
    diagnostics: result.diagnostics,
    notifications: result.notifications,
    cwd: io.cwd,
    source: (f) => sources.get(f),
  });
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
  return result.diagnostics.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ').trim();
}

/** Runs the command line; returns the exit code. Never throws. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const cmd = program(io);
    await cmd.parseAsync(argv, { from: 'user' });
    return await run(cmd.processedArgs[0] as string[], cmd.opts<Flags>(), io);
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
