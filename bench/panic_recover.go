package main

import "fmt"

// A panic 5 frames deep, recovered at the top, 1,000,000 times.

func f5(i int) int {
	if i >= 0 {
		panic(i)
	}
	return i
}

func f4(i int) int { return f5(i) + 1 }
func f3(i int) int { return f4(i) + 1 }
func f2(i int) int { return f3(i) + 1 }
func f1(i int) int { return f2(i) + 1 }

func try(i int) (r int) {
	defer func() {
		if v := recover(); v != nil {
			r = 1
		}
	}()
	return f1(i)
}

func main() {
	n := 0
	for i := 0; i < 1000000; i++ {
		n += try(i)
	}
	fmt.Println(n)
}
