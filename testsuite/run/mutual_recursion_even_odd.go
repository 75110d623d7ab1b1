// run

package main

import "fmt"

func isEven(n int) bool {
	if n == 0 {
		return true
	}
	return isOdd(n - 1)
}

func isOdd(n int) bool {
	if n == 0 {
		return false
	}
	return isEven(n - 1)
}

// Hofstadter female and male sequences
func F(n int) int {
	if n == 0 {
		return 1
	}
	return n - M(F(n-1))
}

func M(n int) int {
	if n == 0 {
		return 0
	}
	return n - F(M(n-1))
}

// recursive descent over a simple expression grammar
var input string
var pos int

func expr() int {
	v := term()
	for pos < len(input) && (input[pos] == '+' || input[pos] == '-') {
		op := input[pos]
		pos++
		t := term()
		if op == '+' {
			v += t
		} else {
			v -= t
		}
	}
	return v
}

func term() int {
	v := factor()
	for pos < len(input) && (input[pos] == '*' || input[pos] == '/') {
		op := input[pos]
		pos++
		f := factor()
		if op == '*' {
			v *= f
		} else {
			v /= f
		}
	}
	return v
}

func factor() int {
	if input[pos] == '(' {
		pos++
		v := expr()
		pos++ // ')'
		return v
	}
	if input[pos] == '-' {
		pos++
		return -factor()
	}
	v := 0
	for pos < len(input) && input[pos] >= '0' && input[pos] <= '9' {
		v = v*10 + int(input[pos]-'0')
		pos++
	}
	return v
}

func eval(s string) int {
	input, pos = s, 0
	return expr()
}

func main() {
	for _, n := range []int{0, 1, 2, 7, 10, 99999, 100000} {
		fmt.Println(n, isEven(n), isOdd(n))
	}
	for i := 0; i < 20; i++ {
		fmt.Print(F(i), " ")
	}
	fmt.Println()
	for i := 0; i < 20; i++ {
		fmt.Print(M(i), " ")
	}
	fmt.Println()
	for _, e := range []string{"1+2*3", "(1+2)*3", "100/7/2", "2*(3+4)*5-6", "-3*-(2+1)", "((((42))))"} {
		fmt.Println(e, "=", eval(e))
	}
	println(isEven(1000), isOdd(1001))
}
