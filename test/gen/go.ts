// Program generators for property-based tests: random but well-formed Go packages built
// from the constructs the rules look at (maps, sync.Mutex/RWMutex with Lock/Unlock/RLock
// and defer, goroutines, defers, closures, HTTP handlers, unsafe casts, cgo preambles).
import fc from 'fast-check';

const mapNames = ['m', 's.items', 'cache', 'g.byKey'] as const;

/** One statement over the names in scope; `depth` bounds nesting. */
function statement(depth: number): fc.Arbitrary<string> {
  const map = fc.constantFrom(...mapNames);
  const key = fc.constantFrom('"a"', 'k', 'fmt.Sprint(i)', '"b"');
  const leaf = fc.oneof(
    fc.tuple(map, key).map(([m, k]) => `${m}[${k}] = 1`),
    fc.tuple(map, key).map(([m, k]) => `_ = ${m}[${k}]`),
    fc.tuple(map, key).map(([m, k]) => `delete(${m}, ${k})`),
    fc.tuple(map, key).map(([m, k]) => `${m}[${k}]++`),
    map.map((m) => `for k, v := range ${m} { _, _ = k, v }`),
    map.map((m) => `_ = len(${m})`),
    fc.constantFrom('s.mu.Lock()', 's.mu.Unlock()', 's.rw.RLock()', 's.rw.RUnlock()', 's.rw.Lock()', 's.rw.Unlock()'),
    fc.constantFrom('defer s.mu.Unlock()', 'defer s.rw.RUnlock()', 'wg.Add(1)', 'wg.Wait()', 'defer wg.Done()'),
    map.map((m) => `p := (*hmap)(unsafe.Pointer(&${m})); _ = p.count`),
    fc.constant('_ = C.size_t(0)'),
  );
  if (depth <= 0) return leaf;
  const body = fc.array(statement(depth - 1), { maxLength: 4 }).map((ss) => ss.join('\n'));
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: body.map((b) => `go func() {\n${b}\n}()`) },
    { weight: 1, arbitrary: body.map((b) => `defer func() {\n${b}\n}()`) },
    { weight: 1, arbitrary: body.map((b) => `f := func() {\n${b}\n}\nf()`) },
    { weight: 1, arbitrary: body.map((b) => `if k != "" {\n${b}\n} else {\n${b}\n}`) },
    { weight: 1, arbitrary: body.map((b) => `for i := 0; i < 3; i++ {\n${b}\n}`) },
    { weight: 1, arbitrary: body.map((b) => `s.mu.Lock()\n${b}\ns.mu.Unlock()`) },
    { weight: 1, arbitrary: body.map((b) => `func() {\ns.rw.RLock()\ndefer s.rw.RUnlock()\n${b}\n}()`) },
    { weight: 1, arbitrary: body.map((b) => `http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {\n${b}\n})`) },
    { weight: 1, arbitrary: body.map((b) => `select {\ncase <-done:\n${b}\ndefault:\n}`) },
  );
}

const funcDecl = fc.record({
  name: fc.constantFrom('Get', 'Put', 'run', 'worker', 'Serve', 'init2', 'ServeHTTP', 'TestX'),
  method: fc.boolean(),
  body: fc.array(statement(3), { maxLength: 8 }),
}).map(({ name, method, body }) => {
  const sig = name === 'ServeHTTP' ? `(s *Store) ServeHTTP(w http.ResponseWriter, r *http.Request)` : `${method ? '(s *Store) ' : ''}${name}(k string)`;
  const pre = method ? '' : 's := &Store{}\n';
  return `func ${sig} {\n${pre}m := map[string]int{}\ncache := s.items\ng := s\ndone := make(chan bool)\nvar wg sync.WaitGroup\ni := 0\n_, _, _, _, _, _ = m, cache, g, done, i, k\n${body.join('\n')}\n}`;
});

/** A whole Go file: imports for everything the statements may use, a cgo preamble sometimes. */
export const goFile: fc.Arbitrary<string> = fc.record({
  cgo: fc.boolean(),
  funcs: fc.uniqueArray(funcDecl, { maxLength: 5, selector: (f) => f.slice(0, f.indexOf('{')) }),
}).map(({ cgo, funcs }) => {
  const preamble = cgo ? '/*\n#include <stddef.h>\nstruct hmap { long count; unsigned char flags; };\n*/\nimport "C"\n\n' : '';
  return `package p

${preamble}import (
	"fmt"
	"net/http"
	"sync"
	"unsafe"
)

var _ = fmt.Sprint
var _ = http.HandleFunc
var _ unsafe.Pointer

type hmap struct {
	count int
	flags uint8
}

type Store struct {
	mu    sync.Mutex
	rw    sync.RWMutex
	items map[string]int
	byKey map[string]int
}

${funcs.join('\n\n')}
`;
});

/** Byte-level mutations of a file: deletions, insertions of random bytes, duplications, flips. */
export function mutated(original: Buffer): fc.Arbitrary<Buffer> {
  const n = Math.max(1, original.length);
  const op = fc.oneof(
    fc.tuple(fc.constant('delete'), fc.nat(n - 1), fc.nat(64)),
    fc.tuple(fc.constant('insert'), fc.nat(n), fc.uint8Array({ minLength: 1, maxLength: 16 })),
    fc.tuple(fc.constant('dup'), fc.nat(n - 1), fc.nat(256)),
    fc.tuple(fc.constant('flip'), fc.nat(n - 1), fc.integer({ min: 1, max: 255 })),
    fc.tuple(fc.constant('token'), fc.nat(n), fc.constantFrom('{', '}', '(', ')', '"', '`', '/*', '\n', 'go ', 'defer ', 'func', '\ufeff', '\r\n', '\0')),
  );
  return fc.array(op, { minLength: 1, maxLength: 6 }).map((ops) => {
    let b = Buffer.from(original);
    for (const o of ops) {
      const at = Math.min(o[1], b.length);
      switch (o[0]) {
        case 'delete':
          b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + (o[2] as number)))]);
          break;
        case 'insert':
          b = Buffer.concat([b.subarray(0, at), Buffer.from(o[2] as Uint8Array), b.subarray(at)]);
          break;
        case 'dup':
          b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + (o[2] as number)), b.subarray(at)]);
          break;
        case 'flip':
          if (at < b.length) b[at] = b[at]! ^ (o[2] as number);
          break;
        case 'token':
          b = Buffer.concat([b.subarray(0, at), Buffer.from(o[2] as string), b.subarray(at)]);
          break;
      }
    }
    return b;
  });
}
