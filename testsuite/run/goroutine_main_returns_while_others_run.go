// run

package main

import "fmt"

func step(n int) int {
	return (n*7 + 1) % 1000003
}

// spin is not a leaf function, so it has a stack check, where a goroutine
// calling it in a loop can be preempted.
func spin(n int) int {
	return step(step(n))
}

func main() {
	// Goroutines blocked forever and goroutines still computing do not keep
	// the program alive once main returns; nothing is reported about them.
	never := make(chan int)
	for i := 0; i < 100; i++ {
		go func() {
			<-never
		}()
	}
	started := make(chan bool)
	for i := 0; i < 2; i++ {
		go func() {
			started <- true
			x := 0
			for {
				x = spin(x)
			}
		}()
	}
	<-started
	<-started
	fmt.Println("main returns with 102 goroutines left")
}
