module mapsafe.test/locals

go 1.22
