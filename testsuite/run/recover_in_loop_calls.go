// run

package main

import (
	"fmt"
	"strconv"
)

func parse(s string) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parse %q: %v", s, r)
		}
	}()
	if s == "" {
		panic("empty string")
	}
	v, e := strconv.Atoi(s)
	if e != nil {
		panic(e.Error())
	}
	return v, nil
}

func check(i int) (failed bool) {
	defer func() {
		if r := recover(); r != nil {
			failed = true
		}
	}()
	if i%7 == 3 {
		panic(i)
	}
	return false
}

func main() {
	for _, s := range []string{"12", "", "x9", "-4"} {
		n, err := parse(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println("value:", n)
	}
	fails := 0
	for i := 0; i < 100000; i++ {
		if check(i) {
			fails++
		}
	}
	fmt.Println("failures", fails)
}
