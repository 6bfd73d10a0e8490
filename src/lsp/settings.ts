// What the language server analyses with: the nearest `.mapsafe.json` (read afresh for every
// scan, so edits to it apply on the next one) and the editor's `mapsafe.enable` /
// `mapsafe.disable` settings, which override the file's lists as command line flags do.
// After the scan: the file's severity overrides, then suppression directives, as in the CLI.
import { allRules } from '../../rules/index.js';
import { ConfigError, excluder, findConfig, readConfig, type LoadedConfig } from '../config.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Rule } from '../rule.js';
import { settleFindings } from '../findings.js';

/** The editor's settings: `{"mapsafe": {"enable": [...], "disable": [...]}}`. */
export interface EditorSettings {
  enable?: string[];
  disable?: string[];
}

const knownRules = new Set(allRules.map((r) => r.id));

function ruleIds(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string');
}

/** The `mapsafe` section of a didChangeConfiguration payload or of initializationOptions; unknown shapes count as empty. */
export function editorSettings(value: unknown): EditorSettings {
  const section = (value as { mapsafe?: unknown } | null | undefined)?.mapsafe ?? value;
  if (typeof section !== 'object' || section === null) return {};
  const s = section as Record<string, unknown>;
  const out: EditorSettings = {};
  const enable = ruleIds(s.enable);
  const disable = ruleIds(s.disable);
  if (enable) out.enable = enable;
  if (disable) out.disable = disable;
  return out;
}

export interface ProjectSettings {
  rules: Rule[];
  severity: Record<string, Diagnostic['severity']>;
  includeTests: boolean;
  excluded(file: string): boolean;
  /** Problems to show the user: a bad config file, unknown rule ids in the editor's settings. */
  problems: string[];
}

/** The settings for files of directory `dir`. */
export function projectSettings(dir: string, editor: EditorSettings): ProjectSettings {
  const problems: string[] = [];
  let config: LoadedConfig | undefined;
  const path = findConfig(dir);
  if (path !== undefined) {
    try {
      config = readConfig(path, knownRules);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(`${e.message}; using the defaults`);
    }
  }
  const known = (ids: string[] | undefined, what: string) => {
    const unknown = ids?.filter((id) => !knownRules.has(id)) ?? [];
    if (unknown.length > 0) problems.push(`${what}: unknown rule ${unknown.map((id) => `"${id}"`).join(', ')} ignored`);
    return ids?.filter((id) => knownRules.has(id));
  };
  const enable = known(editor.enable, 'mapsafe.enable') ?? config?.config.enable;
  const disable = new Set(known(editor.disable, 'mapsafe.disable') ?? config?.config.disable ?? []);
  const rules = allRules.filter((r) => (enable === undefined || enable.includes(r.id)) && !disable.has(r.id));
  return {
    rules,
    severity: config?.config.severity ?? {},
    includeTests: config?.config.tests ?? true,
    excluded: excluder(config),
    problems,
  };
}

/** Severity overrides, then suppressions (and unused-directive warnings when mapsafe-directive runs). */
export function afterScan(
  diagnostics: readonly Diagnostic[],
  files: readonly string[],
  settings: ProjectSettings,
  reportOnly: ReadonlySet<string>,
  source: (file: string) => string | undefined,
): Diagnostic[] {
  return settleFindings(diagnostics, { severity: settings.severity, rules: settings.rules, knownRules, files, source, reportOnly, complete: true }).diagnostics;
}
