// Shape (safe): a parser goroutine fills a local map and closes done with a deferred close; main reads the map after <-done; race detector: no race.
package main

import (
	"fmt"
	"strings"
)

func main() {
	lines := []string{"a=1", "b=2", "c=3"}
	env := map[string]string{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, l := range lines {
			k, v, _ := strings.Cut(l, "=")
			env[k] = v
		}
	}()
	<-done
	fmt.Println(len(env), env["b"])
}
