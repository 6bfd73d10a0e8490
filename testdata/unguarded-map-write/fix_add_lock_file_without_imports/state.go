package main

// seen counts events by kind; bump is called from many goroutines.
var seen = map[int]int{}

func bump(kind int) {
	seen[kind%7]++ // want "write to map seen"
}
