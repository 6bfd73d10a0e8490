// Shape: main builds a struct holding a map, starts a goroutine that captures it and writes the map, and writes the map too; the goroutine's write is not construction (the value is shared by then); race detector: reports a race.
package main

import (
	"fmt"
	"time"
)

type stats struct {
	byCode map[int]int
}

func main() {
	s := &stats{byCode: map[int]int{}}
	go func() {
		s.byCode[200]++ // want "write to map s\\.byCode in the goroutine started at main.go:15"
	}()
	s.byCode[500]++ // want "write to map s\\.byCode races with"
	time.Sleep(10 * time.Millisecond)
	fmt.Println(len(s.byCode))
}
