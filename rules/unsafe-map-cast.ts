// unsafe-map-cast: a map's memory reinterpreted through unsafe or reflect, and
// //go:linkname pulls of the runtime's map functions. See unsafe-map-cast.md.
import { layoutNote, mapLinknameTarget, swissTablesNote } from '../src/maplayout.js';
import type { LinknameTarget } from '../src/maplayout.js';
import type { Package } from '../src/package.js';
import type { Rule } from '../src/rule.js';
import { T, field } from '../src/syntax.js';
import { MAP_MEMORY_RULE_INPUTS, isStdPackage, mapMemoryAnalysis } from '../src/unsafe/analysis.js';

export const unsafeMapCast: Rule = {
  id: 'unsafe-map-cast',
  title: "Map reinterpreted through unsafe or linked to the runtime's map functions",
  severity: 'error',
  precision: 'very-high',
  ...MAP_MEMORY_RULE_INPUTS,
  tags: ['unsafe', 'runtime-internals', 'portability'],
  run(ctx) {
    const note = layoutNote(ctx.pkg.goVersion);
    const facts = ctx.get(mapMemoryAnalysis);
    for (const v of facts.addressViews) {
      ctx.report({
        node: v.node,
        message: `map ${v.map} is reinterpreted through unsafe.Pointer as ${v.target}, assuming the runtime's map header layout: ${note}`,
      });
    }
    for (const v of facts.reflectViews) {
      ctx.report({
        node: v.node,
        message: `reflect pointer of map ${v.map} is converted to ${v.target}, assuming the runtime's map header layout: ${note}`,
      });
    }
    for (const file of ctx.pkg.files) {
      if (!file.text.includes('//go:linkname')) continue;
      for (const c of file.root.descendantsOfType(T.comment)) {
        if (!c || !c.text.startsWith('//go:linkname ')) continue;
        // Only the directive's first three fields: a trailing comment may follow.
        const [, local, target] = c.text.slice(2).trim().split(/\s+/);
        if (!local || !target) continue; // the two-field form exports a local symbol
        const known = mapLinknameTarget(target);
        if (!known || definesBody(ctx.pkg, local) || isStdPackage(ctx.pkg, target.slice(0, target.lastIndexOf('.')))) continue;
        ctx.report({ node: c, message: linknameMessage(target, known, ctx.pkg.goVersion) });
      }
    }
  },
};

/** A local function with a body is the definition being pushed under the target's name, not a pull. */
function definesBody(pkg: Package, local: string): boolean {
  const fn = pkg.funcs.get(local);
  return !!fn && field(fn.node, 'body') !== null;
}

function linknameMessage(target: string, facts: LinknameTarget, goVersion: string | null): string {
  const parts: string[] = [];
  if (facts.iterator) parts.push("callers must allocate a hiter of the runtime's exact layout");
  if (facts.rejectedByLinker) parts.push("go 1.23's linker rejects it without -ldflags=-checklinkname=0");
  parts.push(swissTablesNote(goVersion) ?? 'the map implementation behind it changed in go 1.24');
  const last = parts.pop()!;
  const tail = parts.length > 0 ? `${parts.join(', ')}, and ${last}` : last;
  return `go:linkname to ${target} binds to the runtime's map implementation, which is not an API: ${tail}`;
}
