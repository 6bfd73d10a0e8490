// Package riter iterates maps with reflect.MapIter and Value.MapRange.
package riter

import "reflect"

// Count counts entries through reflect.
func Count(m any) int {
	n := 0
	for it := reflect.ValueOf(m).MapRange(); it.Next(); {
		n++
	}
	return n
}

// Into reuses a MapIter.
func Into(m map[string]int, it *reflect.MapIter) []string {
	it.Reset(reflect.ValueOf(m))
	var ks []string
	for it.Next() {
		ks = append(ks, it.Key().String())
	}
	return ks
}
