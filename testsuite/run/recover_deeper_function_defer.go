// run

package main

import "fmt"

func risky(n int) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("    risky recovered:", r)
			ok = false
		}
	}()
	if n%3 == 0 {
		panic(fmt.Sprintf("multiple of three: %d", n))
	}
	return true
}

func level2(n int) int {
	defer fmt.Println("   level2 deferred", n)
	if risky(n) {
		return 1
	}
	return 0
}

func level1(n int) int {
	defer fmt.Println("  level1 deferred", n)
	return level2(n) + level2(n+1)
}

func main() {
	total := 0
	for i := 1; i <= 4; i++ {
		v := level1(i)
		fmt.Println("level1", i, "=", v)
		total += v
	}
	fmt.Println("total", total)
}
