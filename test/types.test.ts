import { describe, expect, it } from 'vitest';
import { typesAnalysis } from '../src/engine.js';
import { withPackage } from './pkgutil.js';

const src = `package p

import "sync"

type Registry map[string]int
type Set[K comparable] map[K]struct{}
type Inner struct{ items map[string]int }
type Outer struct {
	sync.Mutex
	*Inner
	nested map[string]map[string]int
	sm     sync.Map
	list   []int
}

func newRegistry() Registry { return Registry{} }
func (o *Outer) get() map[string]map[string]int { return o.nested }

func F[M ~map[K]V, K comparable, V any](m M, k K) V { return m[k] }

func use(o *Outer, x any, r Registry) {
	var s Set[string]
	a := newRegistry()
	b := o.get()["k"]
	c := x.(map[int]int)
	d := Registry(nil)
	e, ok := o.nested["a"]
	p := &o.nested
	q := *p
	var arr [3]map[string]int
	for _, inner := range o.nested {
		inner["z"] = 1
	}
	_, _, _, _, _, _, _, _, _, _ = s, a, b, c, d, e, ok, q, arr, r
	o.items["x"] = 1
	o.sm.Store(1, 2)
	o.list[0] = 1
	arr[0]["y"] = 2
	var unknown = sync.Map{}
	_ = unknown
}
`;

describe('map typing', () => {
  it('knows map-typed expressions from declarations, named and generic types, fields, calls, conversions', async () => {
    await withPackage({ 'a.go': src }, (ctx, find) => {
      const t = ctx.get(typesAnalysis);
      const isMap = (line: number, text: string) => t.isMap(find('a.go', line, text));
      expect(isMap(19, 'm')).toBe(true); // type parameter constrained by ~map[K]V
      expect(isMap(22, 's')).toBe(true); // generic named map type
      expect(isMap(23, 'a')).toBe(true); // result of a same-package function
      expect(isMap(24, 'b')).toBe(true); // index into a map of maps from a method result
      expect(isMap(25, 'c')).toBe(true); // type assertion
      expect(isMap(26, 'd')).toBe(true); // conversion to a named map type
      expect(isMap(27, 'e')).toBe(true); // comma-ok read of a map of maps
      expect(isMap(27, 'ok')).toBe(false);
      expect(isMap(29, 'q')).toBe(true); // dereference of a pointer to a map
      expect(isMap(32, 'inner')).toBe(true); // range value of a map of maps
      expect(isMap(34, 'r')).toBe(true); // parameter of a named map type
      expect(isMap(35, 'o.items')).toBe(true); // field promoted through an embedded pointer
      expect(isMap(36, 'o.sm')).toBe(false); // sync.Map is not a map
      expect(isMap(37, 'o.list')).toBe(false);
      expect(isMap(38, 'arr[0]')).toBe(true);
      expect(isMap(39, 'unknown')).toBe(false); // another package's type: unknown, so not a map
    });
  });
});
