package a

import "fmt"

var hits = map[string]int{}

func Hit(k string) {
	hits[k]++ //nolint:mapsafe
	hits[k]++ //nolint
	hits[k]++ //nolint:errcheck,mapsafe // no reason needed for golangci-lint's form
	fmt.Println("//mapsafe:ignore unguarded-map-write", `//mapsafe:file-ignore x`)
}
