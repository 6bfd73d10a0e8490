package rup

type mapHeader struct {
	count     int
	flags     uint8
	b         uint8
	noverflow uint16
	hash0     uint32
}
