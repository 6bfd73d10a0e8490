// Package mapiter walks maps through reflect's public API.
package mapiter

import "reflect"

// Keys collects the keys of any map through reflect.Value.MapRange.
func Keys(m any) []any {
	v := reflect.ValueOf(m)
	if v.Kind() != reflect.Map {
		return nil
	}
	var out []any
	iter := v.MapRange()
	for iter.Next() {
		out = append(out, iter.Key().Interface())
	}
	return out
}

// Reuse resets one reflect.MapIter over several maps.
func Reuse(ms []map[string]int) int {
	var it reflect.MapIter
	n := 0
	for _, m := range ms {
		it.Reset(reflect.ValueOf(m))
		for it.Next() {
			n += int(it.Value().Int())
		}
	}
	return n
}

// Len uses reflect.Value.Len on a map.
func Len(m map[int]int) int {
	return reflect.ValueOf(m).Len()
}
