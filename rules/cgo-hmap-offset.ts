// cgo-hmap-offset: copies of the runtime's map structs (Go and C), constant
// offsets into map headers (Go and C), and maps handed to C. See cgo-hmap-offset.md.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../src/diagnostic.js';
import { typesAnalysis } from '../src/engine.js';
import {
  RUNTIME_MAP_STRUCTS, describeHmapPlace, hmapFieldAt, layoutNote, matchRuntimeStruct, runtimeStructByName,
} from '../src/maplayout.js';
import type { RuntimeMapStruct } from '../src/maplayout.js';
import type { SourceFile } from '../src/package.js';
import type { Rule, RuleContext } from '../src/rule.js';
import { T, field, unparen } from '../src/syntax.js';
import type { GoType } from '../src/types.js';
import { MAP_MEMORY_RULE_INPUTS, isStdPackage, mapMemoryAnalysis } from '../src/unsafe/analysis.js';
import type { MapMemoryFacts } from '../src/unsafe/analysis.js';

export const cgoHmapOffset: Rule = {
  id: 'cgo-hmap-offset',
  title: "Copies of the runtime's map structs, fixed offsets into map headers, and maps passed to C",
  severity: 'error',
  precision: 'high',
  ...MAP_MEMORY_RULE_INPUTS,
  tags: ['unsafe', 'cgo', 'runtime-internals', 'portability'],
  run(ctx) {
    const note = layoutNote(ctx.pkg.goVersion);
    const facts = ctx.get(mapMemoryAnalysis);
    goStructs(ctx, facts, note);
    for (const o of facts.offsets) {
      ctx.report({
        node: o.node,
        message: `fixed offset ${o.offset} into the map header of ${o.map} assumes ${describeHmapPlace(hmapFieldAt(o.offset))} there (64-bit layout): ${note}`,
      });
    }
    for (const file of ctx.pkg.files) if (file.cgo) cStructs(ctx, facts, file, note);
    cCalls(ctx, facts, note);
  },
};

function mirrorMessage(what: string, kind: RuntimeMapStruct, fields: string[], note: string): string {
  const shown = fields.length > 9 ? `${fields.slice(0, 9).join(', ')} and ${fields.length - 9} more` : fields.join(', ');
  const by = fields.length > 0 ? `fields ${shown}` : 'by name';
  return `${what} mirrors the runtime's ${RUNTIME_MAP_STRUCTS[kind].role} runtime.${kind} (${by}): ${note}`;
}

/** Go struct types that copy a runtime map struct, or are named like one and receive a map header. */
function goStructs(ctx: RuleContext, facts: MapMemoryFacts, note: string): void {
  if (isStdPackage(ctx.pkg, 'runtime')) return; // the definitions themselves
  const oracle = ctx.get(typesAnalysis);
  const convertedTo = new Set<Node['id']>();
  for (const v of facts.headerViews) {
    if (v.elem.kind === 'named' && !v.elem.pkgPath && v.elem.info) convertedTo.add(v.elem.info.spec.id);
  }
  for (const info of ctx.pkg.types.values()) {
    if (info.alias || unparen(info.typeNode).type !== T.structType) continue;
    const t = oracle.typeFromNode(info.typeNode);
    if (t.kind !== 'struct') continue;
    const nameNode = field(info.spec, 'name') ?? info.spec;
    const shape = matchRuntimeStruct(t.fields.map((f) => f.name));
    if (shape && (shape.mirrors !== 'bmap' || t.fields[0]?.type.kind === 'array')) {
      ctx.report({ node: nameNode, message: mirrorMessage(`struct ${info.name}`, shape.mirrors, shape.fields, note) });
      continue;
    }
    const byName = runtimeStructByName(info.name);
    if (byName && convertedTo.has(info.spec.id)) {
      ctx.report({ node: nameNode, message: mirrorMessage(`struct ${info.name}`, byName, [], note) });
    }
  }
}

/** C structs of a file's preamble that copy a runtime map struct, or are named like one and receive a map header. */
function cStructs(ctx: RuleContext, facts: MapMemoryFacts, file: SourceFile, note: string): void {
  const preamble = facts.preamble(file);
  if (!preamble) return;
  const cNames = new Set(facts.headerViews.map((v) => cTypeName(v.elem)).filter((n): n is string => !!n));
  for (const s of preamble.structs) {
    if (s.by === 'name' && !cNames.has(`struct_${s.name}`) && !cNames.has(s.name)) continue;
    reportInPreamble(ctx, file, s.range, mirrorMessage(`C struct ${s.name}`, s.mirrors, s.by === 'fields' ? s.fields : [], note));
  }
}

function cTypeName(t: GoType): string | undefined {
  return t.kind === 'named' && t.pkgPath === 'C' ? t.name : undefined;
}

/** Calls that hand C a map-derived pointer, and the C offset arithmetic they feed. */
function cCalls(ctx: RuleContext, facts: MapMemoryFacts, note: string): void {
  const reported = new Set<number>();
  for (const c of facts.cCalls) {
    const first = c.args.find((a) => a && a.kind !== 'rvalue');
    if (!first) continue;
    ctx.report({
      node: c.call,
      message: `map ${first.map} is passed to C.${c.fn} as Go memory that holds unpinned Go pointers, which the cgo pointer-passing rules forbid`,
    });
    const preamble = facts.preamble(c.file);
    if (!preamble) continue;
    c.args.forEach((a, i) => {
      if (a?.kind !== 'header') return;
      for (const use of preamble.offsetArith) {
        if (use.function !== c.fn || use.paramIndex !== i || reported.has(use.range.startIndex)) continue;
        reported.add(use.range.startIndex);
        const offset = use.offset + a.offset;
        reportInPreamble(
          ctx,
          c.file,
          use.range,
          `fixed offset ${offset} into the map header in C function ${use.function} (parameter ${use.param}) assumes ${describeHmapPlace(hmapFieldAt(offset))} there (64-bit layout): ${note}`,
        );
      }
    });
  }
}

/** Report at an exact range of C code, anchored on the preamble comment that holds it. */
function reportInPreamble(ctx: RuleContext, file: SourceFile, range: Range, message: string): void {
  const comments = file.cgo?.preamble ?? [];
  const node = comments.find((c) => c.startIndex <= range.startIndex && range.startIndex < c.endIndex) ?? comments[0];
  if (node) ctx.report({ node, range, message });
}
