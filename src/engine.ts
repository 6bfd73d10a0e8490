// Runs rules over one package: memoised shared analyses, a reporting context per
// rule, and isolation (a rule that throws becomes a tool notification).
import type { Node } from 'web-tree-sitter';
import type { Diagnostic, Location, Notification } from './diagnostic.js';
import type { Package } from './package.js';
import type { Analysis, AnalysisContext, ReportInput, Rule, RuleContext } from './rule.js';
import { Resolver } from './scope.js';
import { TypeOracle } from './types.js';

/** Name resolution and map typing for the package: the base of every other analysis. */
export const typesAnalysis: Analysis<TypeOracle> = {
  name: 'types',
  run: (ctx) => new TypeOracle(ctx.pkg, new Resolver(ctx.pkg)),
};

export class PackageContext implements AnalysisContext {
  private readonly memo = new Map<Analysis<unknown>, unknown>();
  private readonly running = new Set<Analysis<unknown>>();

  constructor(readonly pkg: Package) {}

  get<T>(analysis: Analysis<T>): T {
    if (this.memo.has(analysis as Analysis<unknown>)) return this.memo.get(analysis as Analysis<unknown>) as T;
    if (this.running.has(analysis as Analysis<unknown>)) throw new Error(`analysis ${analysis.name} depends on itself`);
    this.running.add(analysis as Analysis<unknown>);
    try {
      const result = analysis.run(this);
      this.memo.set(analysis as Analysis<unknown>, result);
      return result;
    } finally {
      this.running.delete(analysis as Analysis<unknown>);
    }
  }

  locationOf(node: Node, message?: string): Location {
    const file = this.get(typesAnalysis).resolver.fileOf(node);
    const loc: Location = {
      file: file.path,
      range: {
        start: { line: node.startPosition.row, column: node.startPosition.column },
        end: { line: node.endPosition.row, column: node.endPosition.column },
        startIndex: node.startIndex,
        endIndex: node.endIndex,
      },
    };
    if (message !== undefined) loc.message = message;
    return loc;
  }
}

export interface PackageResult {
  diagnostics: Diagnostic[];
  notifications: Notification[];
}

export function runRules(pkg: Package, rules: readonly Rule[]): PackageResult {
  const ctx = new PackageContext(pkg);
  const diagnostics: Diagnostic[] = [];
  const notifications: Notification[] = [];
  for (const rule of rules) {
    const found: Diagnostic[] = [];
    const ruleCtx: RuleContext = {
      pkg,
      get: (a) => ctx.get(a),
      locationOf: (node, message) => ctx.locationOf(node, message),
      report: (input: ReportInput) => {
        const location = ctx.locationOf(input.node);
        if (input.range) location.range = input.range;
        const d: Diagnostic = {
          ruleId: rule.id,
          severity: rule.severity,
          message: input.message,
          location,
          related: input.related ?? [],
          fixes: (input.fixes ?? []).filter((f) => f.edits.length > 0),
        };
        if (input.flow && input.flow.length > 0) d.flow = input.flow;
        found.push(d);
      },
    };
    try {
      rule.run(ruleCtx);
      diagnostics.push(...found);
    } catch (err) {
      notifications.push({
        kind: 'rule-error',
        file: pkg.dir,
        ruleId: rule.id,
        message: `rule ${rule.id} failed on package ${pkg.name}: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  return { diagnostics, notifications };
}
