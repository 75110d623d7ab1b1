// run

package main

// Open-coded defers whose calls at function exit panic: the deferred call that runs
// last (nothing of its function is left to recover) and one that runs while another
// is pending (which recovers, so the function returns normally with its results).

import "fmt"

func lastPanics() (r int) {
	defer func() {
		r = 5
		panic("from the last deferred call")
	}()
	return 1
}

func caller() (s string) {
	defer func() {
		s = fmt.Sprint("caller recovered: ", recover())
	}()
	n := lastPanics()
	return fmt.Sprint("not reached ", n)
}

func firstPanicsLastRecovers() (r int) {
	defer func() {
		if e := recover(); e != nil {
			r += 100
		}
	}()
	defer func() {
		r *= 2
		panic("from the first deferred call")
	}()
	return 3
}

func main() {
	fmt.Println(caller())
	fmt.Println(firstPanicsLastRecovers())
	for i := 0; i < 3; i++ {
		fmt.Println(firstPanicsLastRecovers(), caller())
	}
}
