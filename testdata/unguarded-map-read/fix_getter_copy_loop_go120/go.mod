module mapsafe.test/go120

go 1.20
