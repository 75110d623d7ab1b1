// errorcheck

// The sync types have methods on their pointer types only, and unexported
// fields.
package main

import "sync"

type M sync.Mutex

func main() {
	var wg sync.WaitGroup
	wg.Foo()                // ERROR "wg.Foo undefined"
	sync.WaitGroup{}.Add(1) // ERROR "cannot call pointer method Add on sync.WaitGroup"
	wg.Add("x")             // ERROR "cannot use .* as int value in argument to wg.Add"
	_ = wg.state1           // ERROR "wg.state1 undefined"
	var m M
	m.Lock() // ERROR "m.Lock undefined"
	var o sync.Once
	o.Do(1) // ERROR "cannot use 1 .* as func\(\) value in argument to o.Do"
}
