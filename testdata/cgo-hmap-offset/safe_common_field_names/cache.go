// Package common uses field names that the runtime also uses, but not the
// runtime's shape: too few of them, or out of order.
package common

type entry struct{ k, v string }

// cache has count, flags and buckets in the runtime's order, and nothing that
// only the map header has.
type cache struct {
	count   int
	flags   uint8
	buckets [][]entry
}

// cursor has key and elem, as many iterators do.
type cursor struct {
	key  string
	elem string
	next *cursor
}

// reversed has hmap's names in another order.
type reversed struct {
	buckets   []entry
	hash0     uint32
	B         uint8
	count     int
	noverflow uint16
}

var (
	_ cache
	_ cursor
	_ reversed
)
