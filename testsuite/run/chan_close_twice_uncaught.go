// run
// want-exit: 2

package main

func main() {
	c := make(chan string, 2)
	c <- "a"
	close(c)
	println(<-c)
	close(c)
}
