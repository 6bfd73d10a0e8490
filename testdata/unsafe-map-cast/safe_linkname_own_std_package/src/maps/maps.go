// Package maps is laid out as the standard library's maps package is
// (<GOROOT>/src/maps, Go 1.23): it declares clone without a body, and the
// runtime supplies the body with `//go:linkname mapclone maps.clone`. The
// directive names the package's own symbol; nothing is pulled from elsewhere.
package maps

import _ "unsafe"

// clone is implemented in the runtime package.
//
//go:linkname clone maps.clone
func clone(m any) any

// Clone returns a copy of m.
func Clone[M ~map[K]V, K comparable, V any](m M) M {
	if m == nil {
		return nil
	}
	return clone(m).(M)
}
