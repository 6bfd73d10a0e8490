module mapsafe.test/swiss

go 1.24
