// run

package main

// 8 goroutines on 2 Ps make 1,000,000 C calls in total (seed 002).

/*
static long square(long x) { return x * x; }
*/
import "C"

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(2)
	var wg sync.WaitGroup
	sums := make([]int64, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 125000; i++ {
				sums[w] += int64(C.square(C.long(i % 1000)))
			}
		}(w)
	}
	wg.Wait()
	var total int64
	for _, s := range sums {
		total += s
	}
	fmt.Println(total)
}
