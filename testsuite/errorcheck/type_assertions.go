// errorcheck

// Type assertions need an interface operand and a type that could be in it.
package main

func main() {
	n := 1
	_ = n.(int) // ERROR "n \(variable of type int\) is not an interface"
	var e error
	_ = e.(int) // ERROR "impossible type assertion: e.\(int\)"
	var x interface{} = n
	_ = x.(string)
}
