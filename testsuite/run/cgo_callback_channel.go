// run

package main

// Callbacks that block on channels (the goroutine parks while C frames wait
// below it), start goroutines and use a sync.WaitGroup.

/*
extern void goProduce(int);
static void produce(int n) {
	for (int i = 1; i <= n; i++)
		goProduce(i);
}
*/
import "C"

import (
	"fmt"
	"sync"
)

var (
	squares = make(chan int) // unbuffered: every send waits for the consumer
	cubes   [11]int
	wg      sync.WaitGroup
)

//export goProduce
func goProduce(i C.int) {
	n := int(i)
	wg.Add(1)
	go func() {
		defer wg.Done()
		cubes[n] = n * n * n
	}()
	squares <- n * n
}

func main() {
	done := make(chan int)
	go func() {
		sum := 0
		for v := range squares {
			sum += v
		}
		done <- sum
	}()
	C.produce(10)
	close(squares)
	fmt.Println("sum of squares:", <-done)
	wg.Wait()
	fmt.Println("cubes:", cubes)
}
