// errorcheck

// go statements take function calls; select cases are sends or receives.
package main

func main() {
	c := make(chan int)
	go len("abc") // ERROR "go discards result of len"
	go int(1)     // ERROR "go requires function call, not conversion"
	select {
	case 1: // ERROR "select case must be send or receive"
	case v := <-c: // ERROR "declared (and|but) not used"
	case c <- 1:
	default:
	default: // ERROR "multiple defaults"
	}
}
