package main

import "fmt"

// Two goroutines pass a counter back and forth over two unbuffered channels:
// every round trip is two blocking hand-offs. bench/run.sh runs it with
// GOMAXPROCS=1 (hand-offs on one thread) and GOMAXPROCS=2 (wake-ups across
// threads).

const roundTrips = 1000000

func main() {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	v := 0
	for i := 0; i < roundTrips; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	_, ok := <-pong
	fmt.Println("round trips", roundTrips, "value", v, "pong closed", !ok)
}
