// errorcheck

package main

func two(a, b int) int { return a + b }
func pair() (int, int) { return 1, 2 }
func none() {}
func vari(prefix string, xs ...int) {}

func main() {
	_ = two(1)        // ERROR "not enough arguments in call to two"
	_ = two(1, 2, 3)  // ERROR "too many arguments in call to two"
	_ = two(pair())
	none(1)           // ERROR "too many arguments in call to none"
	vari()            // ERROR "not enough arguments in call to vari"
	vari("p")
	vari("p", 1, 2, 3)
	x := none() // ERROR "none\(\) \(no value\) used as value|used as value"
	_ = x
}
