// Text triggers: necessary conditions for a rule family's findings, tested on a
// package's raw source before it is parsed (see Rule.triggers). Erring towards
// matching only costs a parse; a trigger that misses would lose findings, so each
// one names everything its analysis starts from.

/** Concurrency findings need a goroutine root or a lock: `go` statements, HTTP handlers,
 *  errgroup/WaitGroup.Go, time.AfterFunc, parallel subtests, or sync's mutexes. */
export const CONCURRENCY_TRIGGER = /\bgo\s|\bsync\b|http|AfterFunc|Parallel|\.Go\(|\.TryGo\(/;

/** Map-internals findings need unsafe, reflect, cgo or a linkname directive. */
export const UNSAFE_TRIGGER = /\bunsafe\b|\breflect\b|"C"|go:linkname/;
