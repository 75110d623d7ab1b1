// errorcheck

// Channel directions restrict what a channel value may be used for; only
// channels can be sent to, received from, closed or ranged over as channels.
package main

func main() {
	c := make(chan int)
	var r <-chan int = c
	var s chan<- int = c
	r <- 1        // ERROR "cannot send to receive-only channel r"
	<-s           // ERROR "cannot receive from send-only channel s"
	close(r)      // ERROR "cannot close receive-only channel r"
	for range s { // ERROR "receive from send-only channel"
	}
	c = r // ERROR "cannot use r .* as (type )?chan int (value )?in assignment"
	x := 0
	x <- 1  // ERROR "cannot send to non-channel x"
	_ = <-x // ERROR "cannot receive from non-channel x"
	c <- "" // ERROR "cannot use .* as int value in send"
}
