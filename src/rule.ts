// What a rule is, and the only door through which it sees a package and reports.
import type { Diagnostic, Fix, Location, Range, Severity } from './diagnostic.js';
import type { Package } from './package.js';
import type { Node } from 'web-tree-sitter';

export type Precision = 'very-high' | 'high' | 'medium' | 'low';

export interface RuleMeta {
  /** Stable id, kebab-case; ids are forever (deprecate, never rename or reuse). */
  id: string;
  /** One line, sentence case, no final period. */
  title: string;
  severity: Severity;
  precision: Precision;
  tags: string[];
  /**
   * A necessary condition for any finding, tested on the raw text of a package's files
   * before parsing: a package none of whose files matches is not parsed for this rule.
   * Omit it and the rule runs on every package.
   */
  triggers?: RegExp;
  /**
   * Every finding is about an expression of map type, and only a `map` type written in the
   * package gives an expression that type: in a directory none of whose files has the
   * identifier `map` (outside comments and literals, src/relevance.ts) the rule does not run,
   * nor where no function the concurrency engine may walk names a map (BodyRelevance.judgesMaps).
   */
  needsMapType?: boolean;
  /**
   * Which function bodies the rule reads, so that the others are left out of the parse
   * (src/relevance.ts):
   * - `'walk'`: only those the concurrency engine walks;
   * - `'maps'`: only those that name a map (the word, or a name declared with one) or hold
   *   a //go:linkname, and never the engine's walk;
   * - `'none'`: none.
   * Omit it and both the walk's bodies and those that name a map are parsed.
   */
  bodies?: 'walk' | 'maps' | 'none';
  /**
   * With `bodies: 'maps'`: a necessary condition on the text of some file of a directory for
   * the rule to read any function body there; elsewhere the bodies that name a map are not
   * parsed for it. Omit it and they are parsed wherever the rule runs.
   */
  readsBodiesIn?: (text: string) => boolean;
  /**
   * Where findings can come from when no function body of a directory is parsed (the
   * relevance test of src/relevance.ts left every non-empty body out): `'nowhere'`, every
   * finding stems from a statement inside a function body; a RegExp, only from the
   * directories one of whose files has text that matches it. A directory where every rule
   * of the run says so is not parsed at all. Omit it and the directory is parsed.
   */
  outsideBodies?: 'nowhere' | RegExp;
}

/** A shared analysis: computed once per package and memoised by the engine. */
export interface Analysis<T> {
  name: string;
  run(ctx: AnalysisContext): T;
}

export interface AnalysisContext {
  pkg: Package;
  /** Result of another shared analysis (memoised). */
  get<T>(analysis: Analysis<T>): T;
}

export interface ReportInput {
  /** The node the finding is about; its range is the primary location. */
  node: Node;
  /** An exact range in the node's file that replaces the node's own (e.g. a spot in a cgo preamble's C code). */
  range?: Range;
  message: string;
  related?: Location[];
  fixes?: Fix[];
  flow?: Location[];
}

export interface RuleContext extends AnalysisContext {
  report(input: ReportInput): void;
  /** Build a location from a node of one of the package's files. */
  locationOf(node: Node, message?: string): Location;
}

export interface Rule extends RuleMeta {
  run(ctx: RuleContext): void;
}

export type { Diagnostic };
