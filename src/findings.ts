// What happens to a scan's findings before they are reported, shared by the command line
// and the language server: the configured severity overrides, then in-source suppressions
// (with unused or malformed directives reported when mapsafe-directive ran).
import type { Diagnostic, Severity } from './diagnostic.js';
import type { Rule } from './rule.js';
import { applySuppressions, directiveRuleId, readDirectives, type Directive } from './suppress.js';

export interface SettleOptions {
  /** Severity per rule id, from the configuration file. */
  severity: Readonly<Record<string, Severity>>;
  /** The rules that ran. */
  rules: readonly Rule[];
  /** Every registered rule id (directives naming others are malformed). */
  knownRules: ReadonlySet<string>;
  /** Files of the scan, and how to read them. */
  files: readonly string[];
  source: (file: string) => string | undefined;
  /** The directives of the files, as the scan found them (ScanResult.directives); read from `source` when absent. */
  directives?: ReadonlyMap<string, readonly Directive[]>;
  reportOnly?: ReadonlySet<string>;
  /** False when the scan saw only part of the packages (a shard): unused directives are not reported. */
  complete: boolean;
}

export function settleFindings(diagnostics: readonly Diagnostic[], opts: SettleOptions): ReturnType<typeof applySuppressions> {
  const { severity } = opts;
  const effective = diagnostics.map((d) => (severity[d.ruleId] && severity[d.ruleId] !== d.severity ? { ...d, severity: severity[d.ruleId]! } : d));
  const ran = new Set(opts.rules.map((r) => r.id));
  return applySuppressions(effective, opts.directives ?? readDirectives(opts.files, opts.source), {
    ranRules: ran,
    knownRules: opts.knownRules,
    reportUnused: ran.has(directiveRuleId) && opts.complete,
    ...(opts.reportOnly ? { reportOnly: opts.reportOnly } : {}),
  });
}
