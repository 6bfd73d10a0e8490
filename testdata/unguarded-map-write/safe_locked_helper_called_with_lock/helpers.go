package main

// addLocked must be called with r.mu held.
func (r *Index) addLocked(name string, id int) {
	r.byName[name] = id
	r.byID[id] = name
}

// removeLocked must be called with r.mu held.
func (r *Index) removeLocked(id int) {
	if name, ok := r.byID[id]; ok {
		delete(r.byName, name)
		delete(r.byID, id)
	}
}
