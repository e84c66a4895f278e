// Command cpu burns CPU in a fixed set of shapes and writes a CPU profile.
//
// The workload has deep direct recursion, mutual recursion, small helpers
// the compiler inlines, pointer-receiver methods, closures, a generic
// function and pprof labels. The -mix flag selects a different balance of
// the same functions so that two runs can be diffed.
//
// Usage: cpu -o cpu.pb.gz [-mix 1|2] [-seconds 1.6]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

// sink keeps results alive so the compiler cannot drop the work.
var sink uint64

var sinkMu sync.Mutex

func keep(v uint64) {
	sinkMu.Lock()
	sink += v
	sinkMu.Unlock()
}

// mix is a tiny function the compiler inlines into its callers.
func mix(a, b uint64) uint64 {
	return (a ^ b) * 0x9e3779b97f4a7c15
}

// rot is another inlinable helper.
func rot(x uint64, k uint) uint64 {
	return x<<k | x>>(64-k)
}

// spin does a fixed amount of arithmetic; it is a leaf in every stack.
//
//go:noinline
func spin(n int, seed uint64) uint64 {
	h := seed
	for i := 0; i < n; i++ {
		h = mix(h, uint64(i))
		h = rot(h, 13)
	}
	return h
}

// recurse calls itself depth times and spins at the bottom and on the way
// back, so samples land at many depths.
//
//go:noinline
func recurse(depth, work int, seed uint64) uint64 {
	if depth == 0 {
		return spin(work, seed)
	}
	v := recurse(depth-1, work, seed+1)
	if depth%5 == 0 {
		v ^= spin(work/8, v)
	}
	return v
}

// ping and pong are mutually recursive.
//
//go:noinline
func ping(n, work int, seed uint64) uint64 {
	if n <= 0 {
		return spin(work, seed)
	}
	return pong(n-1, work, seed^0xabc) + 1
}

//go:noinline
func pong(n, work int, seed uint64) uint64 {
	if n <= 0 {
		return spin(work, seed)
	}
	if n%3 == 0 {
		seed = spin(work/4, seed)
	}
	return ping(n-1, work, seed+7)
}

// Matrix is multiplied through pointer-receiver methods.
type Matrix struct {
	n int
	v []float64
}

func NewMatrix(n int, r *rand.Rand) *Matrix {
	m := &Matrix{n: n, v: make([]float64, n*n)}
	for i := range m.v {
		m.v[i] = r.Float64()
	}
	return m
}

// at is small and gets inlined into Mul.
func (m *Matrix) at(i, j int) float64 { return m.v[i*m.n+j] }

//go:noinline
func (m *Matrix) Mul(o *Matrix, out *Matrix) {
	for i := 0; i < m.n; i++ {
		for j := 0; j < m.n; j++ {
			var s float64
			for k := 0; k < m.n; k++ {
				s += m.at(i, k) * o.at(k, j)
			}
			out.v[i*m.n+j] = s
		}
	}
}

//go:noinline
func (m *Matrix) Trace() float64 {
	var t float64
	for i := 0; i < m.n; i++ {
		t += m.at(i, i)
	}
	return t
}

// Number is the constraint of the generic Sum.
type Number interface {
	~int | ~int64 | ~uint64 | ~float64
}

// Sum is generic; its profile name carries a type parameter suffix.
//
//go:noinline
func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x * x
	}
	return s
}

// Hasher holds closures that are called in a loop.
type Hasher struct {
	steps []func(uint64) uint64
}

func newHasher(k uint64) *Hasher {
	h := &Hasher{}
	h.steps = append(h.steps,
		func(x uint64) uint64 { return spin(300, x+k) },
		func(x uint64) uint64 { return rot(x, 7) ^ k },
	)
	return h
}

//go:noinline
func (h *Hasher) Run(rounds int, x uint64) uint64 {
	for i := 0; i < rounds; i++ {
		for _, f := range h.steps {
			x = f(x)
		}
	}
	return x
}

// weights for each task kind, per mix.
var mixes = map[int][5]int{
	1: {4, 3, 2, 2, 2},
	2: {1, 4, 4, 1, 3},
}

func runTask(kind int, r *rand.Rand) uint64 {
	switch kind {
	case 0:
		return recurse(24+r.Intn(6), 200000, r.Uint64())
	case 1:
		return ping(21, 150000, r.Uint64())
	case 2:
		a, b, c := NewMatrix(48, r), NewMatrix(48, r), NewMatrix(48, r)
		a.Mul(b, c)
		return uint64(c.Trace())
	case 3:
		ints := make([]int64, 4000)
		fl := make([]float64, 4000)
		for i := range ints {
			ints[i] = int64(i * 7 % 1000)
			fl[i] = float64(i) / 3
		}
		var s uint64
		for i := 0; i < 80; i++ {
			s += uint64(Sum(ints)) + uint64(Sum(fl))
		}
		return s
	default:
		return newHasher(r.Uint64()).Run(60, r.Uint64())
	}
}

// worker runs tasks under its own labels until the deadline.
func worker(ctx context.Context, name string, seed int64, w [5]int, deadline time.Time, wg *sync.WaitGroup) {
	defer wg.Done()
	tenant := "acme"
	if name == "b" {
		tenant = "globex"
	}
	pprof.Do(ctx, pprof.Labels("worker", name, "tenant", tenant), func(ctx context.Context) {
		r := rand.New(rand.NewSource(seed))
		var order []int
		for kind, n := range w {
			for i := 0; i < n; i++ {
				order = append(order, kind)
			}
		}
		for i := 0; time.Now().Before(deadline); i++ {
			kind := order[i%len(order)]
			if kind == 0 {
				// Deep recursion also runs under an extra label.
				pprof.Do(ctx, pprof.Labels("phase", "deep"), func(context.Context) {
					keep(runTask(kind, r))
				})
				continue
			}
			keep(runTask(kind, r))
		}
	})
}

func main() {
	out := flag.String("o", "cpu.pb.gz", "output file")
	mixN := flag.Int("mix", 1, "workload mix: 1 or 2")
	secs := flag.Float64("seconds", 1.6, "wall seconds of the labelled phase (the unlabelled phase runs a quarter of that)")
	flag.Parse()
	w, ok := mixes[*mixN]
	if !ok {
		log.Fatalf("unknown mix %d", *mixN)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	deadline := time.Now().Add(time.Duration(*secs * float64(time.Second)))
	var wg sync.WaitGroup
	wg.Add(2)
	go worker(context.Background(), "a", 1, w, deadline, &wg)
	go worker(context.Background(), "b", 2, w, deadline, &wg)
	wg.Wait()
	// Then the main goroutine works alone, without labels.
	r := rand.New(rand.NewSource(3))
	deadline = time.Now().Add(time.Duration(*secs * float64(time.Second) / 4))
	for time.Now().Before(deadline) {
		keep(runTask(int(r.Intn(5)), r))
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintln(os.Stderr, "wrote", *out, sink%7)
}
