// run

package main

import (
	"errors"
	"fmt"
)

type Level int
type Name string

func catch(tag string, f func()) {
	defer func() {
		r := recover()
		fmt.Println(tag, "->", r)
		fmt.Printf("%s via Printf: %v\n", tag, r)
		s := fmt.Sprint(r)
		fmt.Println(tag, "via Sprint:", s, len(s))
	}()
	f()
}

func main() {
	catch("string", func() { panic("text") })
	catch("int", func() { panic(-42) })
	catch("float", func() { panic(3.5) })
	catch("float2", func() { panic(1e21) })
	catch("bool", func() { panic(false) })
	catch("int8", func() { panic(int8(-7)) })
	catch("uint64", func() { panic(uint64(18446744073709551615)) })
	catch("byte", func() { panic(byte('z')) })
	catch("rune", func() { panic('z') })
	catch("named int", func() { panic(Level(9)) })
	catch("named str", func() { panic(Name("bob")) })
	catch("error", func() { panic(errors.New("plain error")) })
	catch("errorf", func() { panic(fmt.Errorf("formatted %d/%s", 5, "x")) })
	catch("empty", func() { panic("") })
}
