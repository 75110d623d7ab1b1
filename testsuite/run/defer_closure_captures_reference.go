// run

package main

import "fmt"

type account struct {
	name    string
	balance int
}

func run() {
	total := 0
	names := []string{}
	acct := account{"alice", 10}
	pa := &acct
	defer func() {
		fmt.Println("final total", total, "names", names)
		fmt.Println("final account", acct.name, acct.balance)
	}()
	for i := 1; i <= 5; i++ {
		total += i
		names = append(names, fmt.Sprint("n", i))
	}
	pa.balance += 90
	acct.name = "bob"
	defer func() {
		total = -1
	}()
	fmt.Println("body end", total)
}

func counter() (func() int, func()) {
	c := 0
	inc := func() int {
		c++
		return c
	}
	report := func() {
		fmt.Println("counter reports", c)
	}
	return inc, report
}

func useCounter() {
	inc, report := counter()
	defer report()
	defer fmt.Println("inc value evaluated at defer:", inc())
	inc()
	inc()
	fmt.Println("useCounter body, inc now", inc())
}

func main() {
	run()
	useCounter()
}
