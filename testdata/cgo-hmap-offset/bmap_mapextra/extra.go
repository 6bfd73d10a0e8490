package buckets

type mapextra struct { // want "struct mapextra mirrors the runtime's map overflow record runtime.mapextra .*: this layout is not an API and changed in go 1.24"
	overflow     *[]*bmap
	oldoverflow  *[]*bmap
	nextOverflow *bmap
}

var _ mapextra
