// errorcheck

package main

func main() {
	var a [3]int
	_ = a[5]   // ERROR "invalid argument: index 5 out of bounds \[0:3\]"
	_ = a[-1]  // ERROR "invalid argument: index -1 \(constant of type int\) must not be negative"
	a[3] = 1   // ERROR "invalid argument: index 3 out of bounds \[0:3\]"
	const s = "abc"
	_ = s[10]  // ERROR "invalid argument: index 10 out of bounds \[0:3\]"
	_ = a[1:4] // ERROR "invalid argument: index 4 out of bounds \[0:4\]"
	_ = a[2:1] // ERROR "invalid slice indices: 1 < 2"
	sl := []int{1, 2}
	_ = sl[-2] // ERROR "invalid argument: index -2 \(constant of type int\) must not be negative"
	_ = sl[5] // no error: slice length is not constant
}
