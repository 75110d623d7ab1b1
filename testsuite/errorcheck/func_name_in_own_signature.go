// errorcheck

// A function's own name is a value, not a type, inside its signature too; the
// parameter it fails to type must not vanish from the signature unreported.

package main

func leaf(g leaf, d int) {} // ERROR "leaf is not a type|leaf \(value of type func\(\)\) is not a type"

func send(c chan<- send) {} // ERROR "send is not a type|send \(value of type func\(\)\) is not a type"

func twice(n int) (r twice) { return } // ERROR "twice is not a type|twice \(value of type func\(\)\) is not a type"

func main() {
	leaf(nil, 3)
	send(nil)
	_ = twice(1)
}
