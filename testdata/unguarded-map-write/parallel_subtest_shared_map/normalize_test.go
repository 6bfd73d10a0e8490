package normalize

import (
	"testing"
	"time"
)

func TestNormalize(t *testing.T) {
	cases := []string{" A ", "b", "C ", " d", "E", "f ", " G", "h"}
	results := map[string]string{}
	for _, in := range cases {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			time.Sleep(5 * time.Millisecond) // let the parallel subtests overlap
			for i := 0; i < 200; i++ {
				results[in] = Normalize(in) // want "write to map results"
			}
		})
	}
}
