package keyed

import "testing"

func TestAcquire(t *testing.T) {
	k := New()
	k.Acquire("a")
	if k.count("a") != 1 {
		t.Fatal("want 1")
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		k.Acquire("a")
	}()
	<-done
	if n := k.count("a"); n != 2 {
		t.Fatal("want 2")
	}
}
