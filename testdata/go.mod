module mapsafe.test/fixtures

go 1.23
