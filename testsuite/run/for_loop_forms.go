// run

package main

import "fmt"

func main() {
	// three-clause
	for i := 0; i < 5; i++ {
		fmt.Print(i, " ")
	}
	fmt.Println()
	// multiple vars
	for i, j := 0, 10; i < j; i, j = i+1, j-2 {
		fmt.Print(i, ":", j, " ")
	}
	fmt.Println()
	// condition only
	n := 27
	steps := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	fmt.Println("collatz steps", steps)
	// infinite with break
	k := 0
	for {
		k++
		if k*k > 200 {
			break
		}
	}
	fmt.Println("k", k)
	// empty init / post
	m := 0
	for ; m < 3; {
		m++
	}
	fmt.Println("m", m)
	for m = 10; m > 0; m -= 3 {
	}
	fmt.Println("m", m)
	// range forms over slices and arrays
	s := []string{"a", "b", "c"}
	for i := range s {
		fmt.Print(i)
	}
	for i, v := range s {
		fmt.Print(i, v)
	}
	for _, v := range s {
		fmt.Print(v)
	}
	for range s {
		fmt.Print(".")
	}
	fmt.Println()
	// range expression evaluated once; appending during range does not extend it
	t := []int{1, 2, 3}
	for _, v := range t {
		t = append(t, v*10)
	}
	fmt.Println(t)
	// modifying slice elements during range is visible
	u := []int{1, 2, 3, 4}
	for i, v := range u {
		if i+1 < len(u) {
			u[i+1] += v
		}
	}
	fmt.Println(u)
	// assigning to existing variables in range
	var idx, val int
	for idx, val = range []int{7, 8, 9} {
	}
	fmt.Println(idx, val)
	// range over nil slice
	var ns []int
	for range ns {
		fmt.Println("never")
	}
	// continue
	sum := 0
	for i := 0; i < 20; i++ {
		if i%3 != 0 {
			continue
		}
		sum += i
	}
	fmt.Println("sum", sum)
	// range over array literal and pointer to array
	for i, v := range [3]int{10, 20, 30} {
		fmt.Print(i*v, " ")
	}
	arr := [2]string{"x", "y"}
	for i := range &arr {
		fmt.Print(arr[i])
	}
	fmt.Println()
	// nested loops building a triangle
	for i := 1; i <= 4; i++ {
		line := ""
		for j := 0; j < i; j++ {
			line += "*"
		}
		fmt.Println(line)
	}
	println(steps, k, sum)
}
