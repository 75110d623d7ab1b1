// run

package main

import (
	"errors"
	"fmt"
)

var errLimit = errors.New("limit reached")

func step(n int) error {
	if n == 3 {
		return errLimit
	}
	if n > 3 {
		return fmt.Errorf("step %d failed", n)
	}
	return nil
}

func run(n int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("  recovered value:", r)
			err = fmt.Errorf("run(%d): %v", n, r)
		}
	}()
	for i := n; i >= 0; i-- {
		if e := step(i); e != nil {
			panic(e)
		}
	}
	return nil
}

func main() {
	for n := 2; n <= 4; n++ {
		err := run(n)
		if err == nil {
			fmt.Println("run", n, "ok")
		} else {
			fmt.Println("run", n, "error:", err.Error())
		}
	}
	var e error = errLimit
	fmt.Println(e != nil, e)
	fmt.Printf("%v|%s\n", e, e)
}
