// run
// want-exit: 2

package main

import "fmt"

type Account struct {
	Name    string
	Balance int
}

func withdraw(a *Account, amt int) {
	if amt > a.Balance {
		panic("insufficient funds in " + a.Name + ": have " + fmt.Sprint(a.Balance) + ", need " + fmt.Sprint(amt))
	}
	a.Balance -= amt
}

func process(accts []Account, amts []int) {
	for i := range accts {
		withdraw(&accts[i], amts[i])
		fmt.Printf("%s now has %d\n", accts[i].Name, accts[i].Balance)
	}
}

func main() {
	accts := []Account{{"alice", 100}, {"bob", 50}, {"carol", 10}}
	process(accts, []int{30, 50, 11})
}
