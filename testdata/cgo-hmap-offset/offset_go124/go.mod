module mapsafe.test/offset124

go 1.24
