// errorcheck

package main

func main() {
	x := 10
	_ = x / 0 // ERROR "invalid operation: division by zero"
	_ = x % 0 // ERROR "invalid operation: division by zero"
	const c = 1 / 0 // ERROR "invalid operation: division by zero"
	x /= 0 // ERROR "invalid operation: division by zero"
	var f float64 = 1
	_ = f / 0 // fine: float division by zero is only an error for constant operands
	zero := 0
	_ = x / zero // fine at compile time
}
