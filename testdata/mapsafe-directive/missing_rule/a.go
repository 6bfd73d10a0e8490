package a

var hits = map[string]int{}

func Hit(k string) {
	//mapsafe:ignore // want `directive //mapsafe:ignore names no rule`
	hits[k]++
}
