// Package cbytes passes byte slices and C-allocated memory to C.
package cbytes

// #include <stdlib.h>
// #include <string.h>
// static size_t count_nonzero(const char *p, size_t n) {
// 	size_t c = 0;
// 	for (size_t i = 0; i < n; i++) if (p[i]) c++;
// 	return c;
// }
import "C"

import "unsafe"

// NonZero counts nonzero bytes of buf in C; a []byte holds no Go pointers.
func NonZero(buf []byte) int {
	if len(buf) == 0 {
		return 0
	}
	return int(C.count_nonzero((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))))
}

// Key copies a map key into C memory and passes that.
func Key(m map[string]int) int {
	for k := range m {
		cs := C.CString(k)
		n := int(C.strlen(cs))
		C.free(unsafe.Pointer(cs))
		return n
	}
	return 0
}
