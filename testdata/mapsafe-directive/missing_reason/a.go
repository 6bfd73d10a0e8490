package a

var hits = map[string]int{}

func Hit(k string) {
	hits[k]++ //mapsafe:ignore unguarded-map-write // want `directive //mapsafe:ignore unguarded-map-write needs a reason after the rule list`
}
