// run

package main

import "fmt"

// When several cases are ready, select picks one uniformly at random: over
// many rounds every ready case is chosen a fair share of the time.

func main() {
	a := make(chan int, 1)
	b := make(chan int, 1)
	c := make(chan int, 1)
	var counts [3]int
	const rounds = 30000
	for i := 0; i < rounds; i++ {
		a <- 1
		b <- 2
		c <- 3
		select {
		case <-a:
			counts[0]++
			<-b
			<-c
		case <-b:
			counts[1]++
			<-a
			<-c
		case <-c:
			counts[2]++
			<-a
			<-b
		}
	}
	fair := true
	for _, n := range counts {
		if n < rounds/3-rounds/20 || n > rounds/3+rounds/20 {
			fair = false
		}
	}
	fmt.Println("every case chosen about a third of the time:", fair)

	// Send and receive cases both ready.
	in := make(chan int, 1)
	out := make(chan int, 1)
	sends, recvs := 0, 0
	for i := 0; i < 10000; i++ {
		in <- i
		select {
		case <-in:
			recvs++
		case out <- i:
			sends++
			<-out
			<-in
		}
	}
	fmt.Println("both kinds chosen:", sends > 3000 && recvs > 3000, sends+recvs)

	// A default is not taken while a case is ready.
	defaults := 0
	for i := 0; i < 1000; i++ {
		a <- i
		select {
		case <-a:
		default:
			defaults++
		}
	}
	fmt.Println("defaults taken:", defaults)
}
