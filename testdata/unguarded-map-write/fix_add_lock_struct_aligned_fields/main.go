// Shape: a struct without any lock, its map field written by several goroutines; the fix adds `mu sync.Mutex` above the map field (fields re-aligned as gofmt aligns them) and turns the single import into a block; race detector: reports a race.
package main

import "strconv"

type Tally struct {
	name   string         // display name
	counts map[string]int // votes by option
	limit  int
}

func (t *Tally) Vote(option string) {
	t.counts[option]++ // want "write to map t\\.counts"
}

func main() {
	t := &Tally{name: "poll", counts: map[string]int{}, limit: 3}
	done := make(chan bool)
	for w := 0; w < 4; w++ {
		go func() {
			for i := 0; i < 500; i++ {
				t.Vote(strconv.Itoa(i % t.limit))
			}
			done <- true
		}()
	}
	for w := 0; w < 4; w++ {
		<-done
	}
}
