// Package a is generated.
package a

//mapsafe:file-ignore unguarded-map-write,unguarded-map-read // want `directive //mapsafe:file-ignore unguarded-map-write,unguarded-map-read needs a reason`

var hits = map[string]int{}

func Hit(k string) { hits[k]++ }
