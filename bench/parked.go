package main

import (
	"fmt"
	"sync"
)

// 100,000 goroutines blocked in a channel receive at the same time: peak RSS is
// what a parked goroutine costs (bench/run.sh reports it per goroutine). Then
// main releases them all by closing the channel and collects one value from each.

const goroutines = 100000

func main() {
	release := make(chan int)
	done := make(chan int, 1024)
	var started sync.WaitGroup
	started.Add(goroutines)
	for i := 0; i < goroutines; i++ {
		go func(i int) {
			started.Done()
			v := <-release
			done <- v + i%10
		}(i)
	}
	started.Wait()
	close(release)
	sum := 0
	for i := 0; i < goroutines; i++ {
		sum += <-done
	}
	fmt.Println("parked", goroutines, "sum", sum)
}
