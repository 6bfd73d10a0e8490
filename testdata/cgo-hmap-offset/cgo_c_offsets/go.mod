module mapsafe.test/coffsets

go 1.24
