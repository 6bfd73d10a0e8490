// Text triggers: necessary conditions for a rule family's findings, tested on a
// package's raw source before it is parsed (see Rule.triggers). Erring towards
// matching only costs a parse; a trigger that misses would lose findings, so each
// one names everything its analysis starts from.

import { RUNTIME_MAP_STRUCTS } from './maplayout.js';

/** Concurrency findings need a goroutine root or a lock: a `go` statement (at the start of
 *  a line or after `{` or `;`, so not the word in comments), HTTP handlers (net/http),
 *  errgroup/WaitGroup.Go, time.AfterFunc and context.AfterFunc, parallel subtests, the sync package, or a
 *  Lock/RLock call on a mutex of any package. */
export const CONCURRENCY_TRIGGER = /(?:^|[;{])[ \t]*go[ \t]|"sync"|\.R?Lock\(\)|"net\/http"|\.AfterFunc\(|\.Parallel\(\)|\.Go\(|\.TryGo\(/m;

/** Map-internals findings need unsafe, reflect, cgo or a linkname directive. */
export const UNSAFE_TRIGGER = /\bunsafe\b|\breflect\b|"C"|go:linkname/;

/** Text of a function that may start goroutines, take locks, or serve HTTP: where the
 *  concurrency engine starts walking (src/concurrency/program.ts; src/relevance.ts keeps
 *  those bodies in the parse by the same test). */
export const CONCURRENCY_TEXT = /\.R?Lock\(\)|\bgo\s+(func\b|[\w.]+\s*\()|\.(Go|TryGo|AfterFunc|HandleFunc|Handle|HandlerFunc|Parallel)\(|ResponseWriter/;

/** Names a struct that copies one of the runtime's map structs has: the struct's own, or one
 *  of its distinctive field names (a copy by shape needs one; src/maplayout.ts). */
const RUNTIME_STRUCT_WORDS = Object.entries(RUNTIME_MAP_STRUCTS).flatMap(([name, facts]) => [name, ...facts.distinctive]);

/** Where the map-memory rules can find something outside function bodies (Rule.outsideBodies):
 *  a map type named anywhere (a package-level conversion or offset), a //go:linkname, cgo
 *  (the preamble, maps handed to C), or a struct that may copy one of the runtime's map structs. */
export const MAP_MEMORY_OUTSIDE_BODIES = new RegExp(`\\bmap\\b|go:linkname|"C"|\\b(?:${RUNTIME_STRUCT_WORDS.join('|')})\\b`);

/** Suppression directives of mapsafe's own (src/suppress.ts reads only files that have this). */
export const DIRECTIVE_TRIGGER = /mapsafe:/;

/** Imports without which (and without a `go` statement) the concurrency engine walks nothing in a package (src/concurrency/program.ts). */
const CONCURRENCY_IMPORT_PATHS = ['sync', 'net/http', 'testing', 'time', 'golang.org/x/sync/errgroup'];
const escaped = CONCURRENCY_IMPORT_PATHS.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
export const CONCURRENCY_IMPORTS = new RegExp(`^(?:${escaped})$`);
/** The same paths as they are written in source (a superset: any such string literal). */
export const CONCURRENCY_IMPORT_TEXT = new RegExp(`["\`](?:${escaped})["\`]`);

/** A file that may register a context.AfterFunc callback (a goroutine root) without a concurrency import: it imports "context" and calls an AfterFunc. */
export function contextAfterFunc(text: string): boolean {
  return /["`]context["`]/.test(text) && /\.AfterFunc\(/.test(text);
}
