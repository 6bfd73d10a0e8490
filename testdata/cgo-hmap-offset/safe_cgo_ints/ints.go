// Package ints calls C with plain integers, including values read from a map.
package ints

// static int add(int a, int b) { return a + b; }
// static long scale(long v, int by) { return v * by; }
import "C"

// Sum adds the values of m in C, one pair at a time.
func Sum(m map[string]int) int {
	total := C.int(0)
	for _, v := range m {
		total = C.add(total, C.int(v))
	}
	return int(total)
}

// Scale passes len(m), an int.
func Scale(m map[int]int) int64 {
	return int64(C.scale(C.long(len(m)), 2))
}
