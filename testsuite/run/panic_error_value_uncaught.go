// run
// want-exit: 2

package main

import (
	"errors"
	"fmt"
)

func validate(n int) error {
	if n < 0 {
		return errors.New("negative input")
	}
	return nil
}

func main() {
	for _, n := range []int{3, 0, -2} {
		err := validate(n)
		fmt.Println(n, err == nil, err)
		if err != nil {
			defer fmt.Println("deferred, err text:", err.Error())
			panic(err)
		}
	}
}
