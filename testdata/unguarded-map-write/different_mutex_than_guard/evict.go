package main

// Evict holds the wrong mutex: statsMu does not guard data.
func (s *Store) Evict(k string) {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	delete(s.data, k) // want "write to map s\\.data"
	s.evictions++
}
