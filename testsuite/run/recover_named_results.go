// run

package main

import (
	"errors"
	"fmt"
)

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("safeDiv(%d, %d) failed: %v", a, b, r)
			q = -1
		}
	}()
	q = a / b
	return q, nil
}

func partial() (n int, s string) {
	defer func() {
		recover()
	}()
	n = 7
	s = "set before panic"
	panic("boom")
}

func unnamed() (int, string) {
	defer func() {
		recover()
	}()
	x := 5
	if x > 0 {
		panic("unnamed boom")
	}
	return x, "unreachable"
}

func counted() (steps int) {
	defer func() {
		steps *= 10
	}()
	defer func() {
		if r := recover(); r != nil {
			steps++
		}
	}()
	for steps = 0; steps < 100; steps++ {
		if steps == 4 {
			panic(errors.New("stop"))
		}
	}
	return 1000
}

func main() {
	q, err := safeDiv(10, 3)
	fmt.Println(q, err)
	q, err = safeDiv(10, 0)
	fmt.Println(q, err)
	if err != nil {
		fmt.Println("error text:", err.Error())
	}
	n, s := partial()
	fmt.Println(n, s)
	n, s = unnamed()
	fmt.Printf("%d %q\n", n, s)
	fmt.Println(counted())
}
