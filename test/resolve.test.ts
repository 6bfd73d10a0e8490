import { describe, expect, it } from 'vitest';
import { typesAnalysis } from '../src/engine.js';
import { withPackage } from './pkgutil.js';

const src = `package p

import (
	"sync"
	str "strings"
)

var global = map[string]int{}

func f(a, b map[string]int, n int) (out map[int]bool) {
	m := make(map[string]int)
	{
		m := 1
		_ = m
	}
	m["x"] = 1
	go func() {
		m["y"] = 2
		out[1] = true
	}()
	for k, v := range global {
		_, _ = k, v
	}
	if m := n; m > 0 {
		_ = m
	}
	x, err := g()
	y, err := g()
	_, _, _ = x, y, err
	_ = str.ToUpper("a")
	var mu sync.Mutex
	mu.Lock()
	switch t := any(a).(type) {
	case map[string]int:
		t["z"] = 3
	}
	return
}

func g() (int, error) { return 0, nil }
`;

describe('name resolution', () => {
  it('follows block scoping, shadowing, closures, range, if and type switch bindings', async () => {
    await withPackage({ 'a.go': src }, (ctx, find) => {
      const r = ctx.get(typesAnalysis).resolver;
      // line 17: m["x"] = 1 resolves to the := on line 12, not the shadowing m on line 14
      expect(r.resolve(find('a.go', 16, 'm'))?.node?.startPosition.row).toBe(10);
      expect(r.resolve(find('a.go', 14, 'm'))?.node?.startPosition.row).toBe(12);
      // closure captures the outer m and the named result
      expect(r.resolve(find('a.go', 18, 'm'))?.node?.startPosition.row).toBe(10);
      expect(r.resolve(find('a.go', 19, 'out'))?.kind).toBe('result');
      // range over a package-level var declared in the same file
      expect(r.resolve(find('a.go', 21, 'global'))?.kind).toBe('var');
      expect(r.resolve(find('a.go', 22, 'v'))?.kind).toBe('range');
      // if-initializer shadows
      expect(r.resolve(find('a.go', 25, 'm'))?.node?.startPosition.row).toBe(23);
      // redeclared err is the first declaration
      expect(r.resolve(find('a.go', 29, 'err'))?.node?.startPosition.row).toBe(26);
      // import alias and builtins
      expect(r.resolve(find('a.go', 30, 'str'))?.importSpec?.path).toBe('strings');
      expect(r.resolve(find('a.go', 11, 'make'))?.kind).toBe('builtin');
      expect(r.resolve(find('a.go', 33, 'a'))?.kind).toBe('param');
      expect(r.resolve(find('a.go', 35, 't'))?.kind).toBe('typeswitch');
      // functions declared later in the file
      expect(r.resolve(find('a.go', 27, 'g'))?.kind).toBe('func');
    });
  });

  it('crosses files of the same package', async () => {
    await withPackage({
      'a.go': 'package p\n\nvar shared = map[string]int{}\n\ntype S struct{ m map[string]int }\n',
      'b.go': 'package p\n\nfunc h(s *S) {\n\tshared["a"] = 1\n\ts.m["b"] = 2\n}\n',
    }, (ctx, find) => {
      const t = ctx.get(typesAnalysis);
      const d = t.resolver.resolve(find('b.go', 4, 'shared'));
      expect(d?.file?.path.endsWith('a.go')).toBe(true);
      expect(t.isMap(find('b.go', 4, 'shared'))).toBe(true);
      expect(t.isMap(find('b.go', 5, 's.m'))).toBe(true);
    });
  });

  it('keeps an external test package separate from the package under test', async () => {
    const r = await withPackage({
      'a.go': 'package p\n\nvar M = map[string]int{}\n',
      'a_test.go': 'package p_test\n\nvar N = 1\n',
    }, () => {});
    expect(r.packages).toBe(2);
  });
});
