module mapsafe.test/linkreflect

go 1.24
