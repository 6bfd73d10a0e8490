// What Go's runtime keeps private about maps, as far as rules need it: the
// layout of its map structs and the map functions that `//go:linkname` can
// reach. Everything here is read from Go 1.23's sources (src/runtime/map.go:
// hmap at lines 109-123, mapextra 126-140, bmap 143-153, hiter 158-174;
// src/runtime/map_fast*.go; src/reflect/value.go), for 64-bit platforms. Go
// 1.24 made Swiss tables the default map implementation
// (internal/runtime/maps), so none of it describes a map there.
import { goAtLeast } from './gomod.js';


export type RuntimeMapStruct = 'hmap' | 'hiter' | 'bmap' | 'mapextra';

export interface RuntimeStructFacts {
  /** What the runtime uses it for, as messages say it: "map header". */
  role: string;
  /** Field names in declaration order. */
  fields: readonly string[];
  /** Names that only this struct uses; a shape match needs one of them. */
  distinctive: readonly string[];
}

export const RUNTIME_MAP_STRUCTS: Readonly<Record<RuntimeMapStruct, RuntimeStructFacts>> = {
  hmap: {
    role: 'map header',
    fields: ['count', 'flags', 'B', 'noverflow', 'hash0', 'buckets', 'oldbuckets', 'nevacuate', 'extra'],
    distinctive: ['noverflow', 'hash0', 'oldbuckets', 'nevacuate'],
  },
  hiter: {
    role: 'map iterator',
    fields: [
      'key', 'elem', 't', 'h', 'buckets', 'bptr', 'overflow', 'oldoverflow', 'startBucket',
      'offset', 'wrapped', 'B', 'i', 'bucket', 'checkBucket',
    ],
    distinctive: ['bptr', 'oldoverflow', 'startBucket', 'wrapped', 'checkBucket'],
  },
  // Only tophash is declared; keys, elems and the overflow pointer follow it
  // in memory, laid out by the compiler.
  bmap: { role: 'map bucket', fields: ['tophash'], distinctive: ['tophash'] },
  mapextra: {
    role: 'map overflow record',
    fields: ['overflow', 'oldoverflow', 'nextOverflow'],
    distinctive: ['nextOverflow'],
  },
};

/** runtime.hmap on 64-bit platforms: 48 bytes. */
export const HMAP_SIZE_64 = 48;

/** Offset and size in bytes of each runtime.hmap field on 64-bit platforms. */
export const HMAP_FIELDS_64: readonly { name: string; offset: number; size: number }[] = [
  { name: 'count', offset: 0, size: 8 },
  { name: 'flags', offset: 8, size: 1 },
  { name: 'B', offset: 9, size: 1 },
  { name: 'noverflow', offset: 10, size: 2 },
  { name: 'hash0', offset: 12, size: 4 },
  { name: 'buckets', offset: 16, size: 8 },
  { name: 'oldbuckets', offset: 24, size: 8 },
  { name: 'nevacuate', offset: 32, size: 8 },
  { name: 'extra', offset: 40, size: 8 },
];

export type HmapPlace =
  | { kind: 'field'; field: string }
  | { kind: 'inside'; field: string }
  | { kind: 'past' }
  | { kind: 'before' };

/** Which runtime.hmap field (64-bit layout) a byte offset from the header lands on. */
export function hmapFieldAt(offset: number): HmapPlace {
  if (offset < 0) return { kind: 'before' };
  for (const f of HMAP_FIELDS_64) {
    if (offset === f.offset) return { kind: 'field', field: f.name };
    if (offset > f.offset && offset < f.offset + f.size) return { kind: 'inside', field: f.name };
  }
  return { kind: 'past' };
}

/** How messages name that place: "runtime.hmap.B", "bytes of runtime.hmap.count". */
export function describeHmapPlace(place: HmapPlace): string {
  switch (place.kind) {
    case 'field':
      return `runtime.hmap.${place.field}`;
    case 'inside':
      return `bytes of runtime.hmap.${place.field}`;
    case 'past':
      return `memory past the ${HMAP_SIZE_64}-byte runtime.hmap`;
    case 'before':
      return 'memory before runtime.hmap';
  }
}

/** The runtime struct a type name is spelled like, if any. */
export function runtimeStructByName(name: string): RuntimeMapStruct | undefined {
  return Object.hasOwn(RUNTIME_MAP_STRUCTS, name) ? (name as RuntimeMapStruct) : undefined;
}

export interface ShapeMatch {
  mirrors: RuntimeMapStruct;
  /** The struct's field names that match the runtime's, in order. */
  fields: string[];
}

/**
 * Whether a struct's field names (in declaration order, blank names included)
 * copy one of the runtime's map structs: at least four of the runtime's names
 * (all of them for the three-field mapextra) in the runtime's order, one of
 * them distinctive; for bmap, a first field named tophash. Names compare
 * case-sensitively, as Go's do.
 */
export function matchRuntimeStruct(fieldNames: readonly string[]): ShapeMatch | undefined {
  let best: ShapeMatch | undefined;
  for (const kind of Object.keys(RUNTIME_MAP_STRUCTS) as RuntimeMapStruct[]) {
    const facts = RUNTIME_MAP_STRUCTS[kind];
    let matched: string[];
    if (kind === 'bmap') {
      matched = fieldNames[0] === 'tophash' ? ['tophash'] : [];
      if (matched.length === 0) continue;
    } else {
      matched = commonSubsequence(fieldNames, facts.fields);
      if (matched.length < Math.min(4, facts.fields.length)) continue;
      if (!matched.some((n) => facts.distinctive.includes(n))) continue;
    }
    if (!best || matched.length > best.fields.length) best = { mirrors: kind, fields: matched };
  }
  return best;
}

/** Longest common subsequence of two short name lists. */
function commonSubsequence(a: readonly string[], b: readonly string[]): string[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const len: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      len[i * cols + j] =
        a[i] === b[j]
          ? len[(i + 1) * cols + j + 1]! + 1
          : Math.max(len[(i + 1) * cols + j]!, len[i * cols + j + 1]!);
    }
  }
  const out: string[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      out.push(a[i]!);
      i++;
      j++;
    } else if (len[(i + 1) * cols + j]! >= len[i * cols + j + 1]!) i++;
    else j++;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Map functions reachable through //go:linkname (Go 1.23)

export interface LinknameTarget {
  /** It reads or fills a caller-allocated runtime.hiter. */
  iterator: boolean;
  /**
   * Go 1.23's linker refuses to pull it (without -ldflags=-checklinkname=0): it is
   * neither a function the compiler calls (cmd/compile/internal/typecheck/_builtin/
   * runtime.go) nor defined under a `//go:linkname` of its own.
   */
  rejectedByLinker: boolean;
}

const ITERATOR_FUNCS: ReadonlySet<string> = new Set(['mapiterinit', 'mapiternext', 'mapiterkey', 'mapiterelem']);

const LINKNAME_TARGETS: ReadonlyMap<string, LinknameTarget> = new Map(
  [
    ...[
      'makemap', 'makemap64', 'makemap_small', 'mapaccess1', 'mapaccess2', 'mapaccess1_fast32',
      'mapaccess1_fast64', 'mapaccess1_faststr', 'mapaccess1_fat', 'mapaccess2_fast32', 'mapaccess2_fast64',
      'mapaccess2_faststr', 'mapaccess2_fat', 'mapaccessK', 'mapassign', 'mapassign_fast32',
      'mapassign_fast32ptr', 'mapassign_fast64', 'mapassign_fast64ptr', 'mapassign_faststr', 'mapdelete',
      'mapdelete_fast32', 'mapdelete_fast64', 'mapdelete_faststr', 'mapiterinit', 'mapiternext', 'mapclear',
    ].map((f) => `runtime.${f}`),
    ...[
      'makemap', 'mapaccess', 'mapaccess_faststr', 'mapassign', 'mapassign0', 'mapassign_faststr',
      'mapassign_faststr0', 'mapdelete', 'mapdelete_faststr', 'mapiterinit', 'mapiternext', 'mapiterkey',
      'mapiterelem', 'maplen', 'mapclear',
    ].map((f) => `reflect.${f}`),
    'internal/reflectlite.maplen',
    'maps.clone',
    'maps.keys',
    'maps.values',
  ].map((target) => {
    const fn = target.slice(target.lastIndexOf('.') + 1);
    return [
      target,
      {
        iterator: ITERATOR_FUNCS.has(fn),
        // runtime.mapaccessK is not compiler-called; reflect.mapassign_faststr is
        // reflect's Go wrapper around the pushed mapassign_faststr0.
        rejectedByLinker: target === 'runtime.mapaccessK' || target === 'reflect.mapassign_faststr',
      },
    ] as const;
  }),
);

/** Facts about a `//go:linkname` target such as "runtime.mapiterinit", if it is a map function. */
export function mapLinknameTarget(target: string): LinknameTarget | undefined {
  return LINKNAME_TARGETS.get(target);
}

// ---------------------------------------------------------------------------
// What the module's go version implies, as messages end

/** From go 1.24 on: the sentence saying the module's maps have no hmap; otherwise undefined. */
export function swissTablesNote(goVersion: string | null): string | undefined {
  return goAtLeast(goVersion, '1.24')
    ? `go.mod declares go ${goVersion}, whose maps are swiss tables (internal/runtime/maps) with no hmap`
    : undefined;
}

/** The end of a message about code that assumes the runtime's map layout. */
export function layoutNote(goVersion: string | null): string {
  return swissTablesNote(goVersion) ?? 'this layout is not an API and changed in go 1.24';
}
