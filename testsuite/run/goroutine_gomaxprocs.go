// run

package main

import (
	"fmt"
	"runtime"
	"sync"
)

func work(id int) int {
	s := 0
	for i := 0; i < 10000; i++ {
		s += (i * id) % 7
		if i%1000 == 0 {
			runtime.Gosched()
		}
	}
	return s
}

func run(procs int) int {
	runtime.GOMAXPROCS(procs)
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for id := 0; id < 20; id++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			v := work(id)
			mu.Lock()
			total += v
			mu.Unlock()
		}(id)
	}
	wg.Wait()
	return total
}

func main() {
	runtime.GOMAXPROCS(3)
	fmt.Println("query:", runtime.GOMAXPROCS(0))
	fmt.Println("negative queries too:", runtime.GOMAXPROCS(-1))
	fmt.Println("previous value returned:", runtime.GOMAXPROCS(1))
	fmt.Println("now:", runtime.GOMAXPROCS(0))
	for _, p := range []int{1, 2, 4} {
		fmt.Println("GOMAXPROCS", p, "total", run(p))
	}
	fmt.Println("last set:", runtime.GOMAXPROCS(2))
	fmt.Println("GOMAXPROCS 2 total", run(2))
}
