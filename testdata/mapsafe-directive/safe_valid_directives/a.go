package a

/*
#include <stdint.h>
static int32_t first(void *p) { return *(int32_t *)p; } //mapsafe:ignore cgo-hmap-offset reads our own struct, not a map
*/
import "C"

//mapsafe:file-ignore unguarded-map-read reads happen after the writers are done

var hits = map[string]int{}

func Hit(k string) {
	//mapsafe:ignore unguarded-map-write,unguarded-map-read only called from main before the server starts
	hits[k]++
	hits[k]-- //mapsafe:ignore unguarded-map-write same as above
}
