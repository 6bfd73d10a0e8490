// Package buckets mirrors runtime.bmap and runtime.mapextra across two files.
package buckets

import "unsafe"

const bucketCnt = 8

// bmap is the runtime's bucket: tophash, then keys, elems and an overflow
// pointer laid out by the compiler.
type bmap struct { // want "struct bmap mirrors the runtime's map bucket runtime.bmap"
	tophash [bucketCnt]uint8
}

// TopHash returns the first tophash byte of the bucket at b.
func TopHash(b unsafe.Pointer) uint8 {
	return (*bmap)(b).tophash[0]
}
