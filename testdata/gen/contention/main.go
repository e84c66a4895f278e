// Command contention makes goroutines fight over locks and channels and
// writes mutex and block profiles.
//
// Files written into -dir:
//
//	mutex-1.pb.gz      mutex profile after phase 1
//	mutex-2.pb.gz      mutex profile after phase 2 (cumulative)
//	mutex.pb.gz        mutex profile after phase 3 (cumulative)
//	mutex.debug1.txt   the same snapshot as mutex.pb.gz in debug=1 text form
//	block.pb.gz        block profile at the end
//	block.debug1.txt   the same snapshot as block.pb.gz in debug=1 text form
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var sink uint64

// busy spins for roughly d while the caller holds a lock.
//
//go:noinline
func busy(d time.Duration) {
	end := time.Now().Add(d)
	x := uint64(1)
	for time.Now().Before(end) {
		for i := 0; i < 100; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	sink += x
}

// Account is guarded by a plain mutex.
type Account struct {
	mu      sync.Mutex
	balance int
}

//go:noinline
func (a *Account) Deposit(n int, hold time.Duration) {
	a.mu.Lock()
	busy(hold)
	a.balance += n
	a.mu.Unlock()
}

// Registry is guarded by a read-write mutex.
type Registry struct {
	mu   sync.RWMutex
	data map[int]int
}

//go:noinline
func (r *Registry) Get(k int) int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	busy(20 * time.Microsecond)
	return r.data[k]
}

//go:noinline
func (r *Registry) Set(k, v int) {
	r.mu.Lock()
	busy(200 * time.Microsecond)
	r.data[k] = v
	r.mu.Unlock()
}

// depositors hammer one account from n goroutines.
func depositors(ctx context.Context, acct *Account, n, rounds int, hold time.Duration) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			pprof.Do(ctx, pprof.Labels("role", "depositor"), func(context.Context) {
				for j := 0; j < rounds; j++ {
					acct.Deposit(i, hold)
				}
			})
		}(i)
	}
	wg.Wait()
}

// readersWriters uses the registry from readers and one writer.
func readersWriters(reg *Registry, readers, rounds int) {
	var wg sync.WaitGroup
	for i := 0; i < readers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < rounds; j++ {
				reg.Get(j % 8)
			}
		}(i)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for j := 0; j < rounds/4; j++ {
			reg.Set(j%8, j)
		}
	}()
	wg.Wait()
}

// pipeline passes values through unbuffered channels so both ends block.
//
//go:noinline
func pipeline(n int) {
	src := make(chan int)
	mid := make(chan int)
	done := make(chan struct{})
	go producer(src, n)
	go relay(src, mid)
	go consumer(mid, done)
	<-done
}

//go:noinline
func producer(out chan<- int, n int) {
	for i := 0; i < n; i++ {
		out <- i
	}
	close(out)
}

//go:noinline
func relay(in <-chan int, out chan<- int) {
	for v := range in {
		busy(50 * time.Microsecond)
		out <- v
	}
	close(out)
}

//go:noinline
func consumer(in <-chan int, done chan<- struct{}) {
	tick := time.NewTicker(200 * time.Microsecond)
	defer tick.Stop()
	for {
		select {
		case _, ok := <-in:
			if !ok {
				close(done)
				return
			}
		case <-tick.C:
		}
	}
}

// condWaiters block on a sync.Cond until broadcast.
func condWaiters(n int) {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	ready := false
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			for !ready {
				c.Wait()
			}
			mu.Unlock()
		}()
	}
	time.Sleep(5 * time.Millisecond)
	mu.Lock()
	ready = true
	c.Broadcast()
	mu.Unlock()
	wg.Wait()
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
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)
	ctx := context.Background()
	acct := &Account{}
	reg := &Registry{data: map[int]int{}}

	// Phase 1: short holds on the account.
	depositors(ctx, acct, 8, 200, 100*time.Microsecond)
	pipeline(500)
	write(*dir, "mutex-1.pb.gz", "mutex", 0)

	// Phase 2: long holds on the account and a busy registry.
	depositors(ctx, acct, 8, 100, 400*time.Microsecond)
	readersWriters(reg, 6, 400)
	write(*dir, "mutex-2.pb.gz", "mutex", 0)

	// Phase 3: more of everything, with cond waiters.
	pprof.Do(ctx, pprof.Labels("phase", "three"), func(ctx context.Context) {
		depositors(ctx, acct, 4, 100, 200*time.Microsecond)
		readersWriters(reg, 3, 200)
		pipeline(300)
		condWaiters(10)
	})
	write(*dir, "mutex.pb.gz", "mutex", 0)
	write(*dir, "mutex.debug1.txt", "mutex", 1)
	write(*dir, "block.pb.gz", "block", 0)
	write(*dir, "block.debug1.txt", "block", 1)
	fmt.Fprintln(os.Stderr, "contention: balance", acct.balance, sink%3)
}
