// Shape: init starts a goroutine that fills a package map and never joins it; main reads the map while it runs; race detector: reports a race.
package main

import (
	"fmt"
	"strconv"
	"time"
)

var squares = map[int]string{}

func init() {
	go func() {
		for i := 0; i < 300; i++ {
			squares[i] = strconv.Itoa(i * i)
		}
	}()
}

func main() {
	for i := 0; i < 10; i++ {
		fmt.Println(len(squares)) // want "len of map squares"
		time.Sleep(10 * time.Microsecond)
	}
}
