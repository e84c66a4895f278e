// Command heap allocates in a fixed pattern, leaks part of it on purpose,
// and writes heap snapshots before and after the leak grows.
//
// Files written into -dir:
//
//	heap-1.pb.gz        heap profile (debug=0) after the first phase
//	heap-2.pb.gz        heap profile (debug=0) after the second phase
//	heap-2.debug1.txt   the same snapshot as heap-2.pb.gz in debug=1 text form
//	allocs.pb.gz        allocs profile (debug=0) at the end
//	allocs.debug1.txt   the same snapshot as allocs.pb.gz in debug=1 text form
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
)

// Record is a small struct that is allocated many times.
type Record struct {
	ID    int
	Name  string
	Tags  []string
	Score float64
}

// Cache leaks: entries are added and never evicted.
type Cache struct {
	entries map[int][]byte
	records []*Record
}

var leaky = &Cache{entries: map[int][]byte{}}

// sink keeps short-lived allocations reachable until the next phase.
var sink []any

// newBuf is small and inlined into its callers.
func newBuf(n int) []byte { return make([]byte, n) }

//go:noinline
func (c *Cache) Put(k, size int) {
	c.entries[k] = newBuf(size)
}

//go:noinline
func (c *Cache) AddRecord(id int, r *rand.Rand) {
	rec := &Record{ID: id, Name: fmt.Sprintf("record-%d", id), Score: r.Float64()}
	for i := 0; i < 3; i++ {
		rec.Tags = append(rec.Tags, strings.Repeat("t", 1+r.Intn(40)))
	}
	c.records = append(c.records, rec)
}

// Clone is generic, so its allocation site has a shape-suffixed name.
//
//go:noinline
func Clone[T any](xs []T) []T {
	out := make([]T, len(xs))
	copy(out, xs)
	return out
}

// build recurses before allocating, so allocation stacks are deep.
//
//go:noinline
func build(depth, size int) []byte {
	if depth == 0 {
		return newBuf(size)
	}
	return build(depth-1, size)
}

// temporaries allocates garbage that is dropped right away.
//
//go:noinline
func temporaries(r *rand.Rand, n int) int {
	total := 0
	for i := 0; i < n; i++ {
		b := make([]byte, 64<<r.Intn(7)) // a few distinct sizes
		total += len(b)
		s := Clone([]int{i, i + 1, i + 2, i + 3})
		total += len(s)
	}
	return total
}

// phase runs one round of work; leakScale controls how much leaks.
func phase(r *rand.Rand, base, leakScale int) {
	// Leak: buffers of a few fixed sizes, kept forever.
	sizes := []int{32, 256, 4 << 10, 64 << 10}
	for i := 0; i < 40*leakScale; i++ {
		leaky.Put(base+i, sizes[i%len(sizes)])
	}
	for i := 0; i < 200*leakScale; i++ {
		leaky.AddRecord(base+i, r)
	}
	// Large allocations held until the next phase.
	sink = sink[:0]
	for i := 0; i < 4; i++ {
		sink = append(sink, build(22, (1<<20)+i*4096))
	}
	sink = append(sink, Clone(make([]float64, 50000)))
	// Closure allocations.
	mk := func(n int) []string {
		out := make([]string, 0, n)
		for i := 0; i < n; i++ {
			out = append(out, fmt.Sprint(i))
		}
		return out
	}
	sink = append(sink, mk(500*leakScale))
	// Pure garbage.
	temporaries(r, 3000)
}

func write(dir, name, profile string, debug int) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.Lookup(profile).WriteTo(f, debug); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func main() {
	dir := flag.String("dir", ".", "output directory")
	flag.Parse()
	runtime.MemProfileRate = 1
	r := rand.New(rand.NewSource(42))

	phase(r, 0, 1)
	runtime.GC()
	write(*dir, "heap-1.pb.gz", "heap", 0)

	phase(r, 100000, 3)
	runtime.GC()
	write(*dir, "heap-2.pb.gz", "heap", 0)
	write(*dir, "heap-2.debug1.txt", "heap", 1)
	write(*dir, "allocs.pb.gz", "allocs", 0)
	write(*dir, "allocs.debug1.txt", "allocs", 1)
	fmt.Fprintln(os.Stderr, "heap: kept", len(leaky.entries), len(leaky.records), len(sink))
}
