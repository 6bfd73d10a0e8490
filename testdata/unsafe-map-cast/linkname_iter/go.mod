module mapsafe.test/linkiter

go 1.22
