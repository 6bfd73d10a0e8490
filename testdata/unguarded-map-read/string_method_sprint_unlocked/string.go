package main

import "fmt"

// String is called by loggers from any goroutine. BUG: no lock.
func (s *Set) String() string {
	return fmt.Sprint(s.members) // want "of map s\\.members"
}
