// run

package main

import "fmt"

// A tokenizer written as a state machine whose states are function values.
type stateFn func(c byte) stateFn

var tokens []string
var cur []byte

func emit(kind string) {
	if len(cur) > 0 {
		tokens = append(tokens, kind+":"+string(cur))
		cur = cur[:0]
	}
}

func start(c byte) stateFn {
	switch {
	case c >= '0' && c <= '9':
		cur = append(cur, c)
		return number
	case c >= 'a' && c <= 'z' || c == '_':
		cur = append(cur, c)
		return ident
	case c == ' ':
		return start
	default:
		cur = append(cur, c)
		emit("op")
		return start
	}
}

func number(c byte) stateFn {
	if c >= '0' && c <= '9' {
		cur = append(cur, c)
		return number
	}
	emit("num")
	return start(c)
}

func ident(c byte) stateFn {
	if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' {
		cur = append(cur, c)
		return ident
	}
	emit("id")
	return start(c)
}

// traffic light with closures holding private state
func light() (next func() string, cycles func() int) {
	states := [...]string{"green", "yellow", "red"}
	i, n := 0, 0
	next = func() string {
		s := states[i]
		i = (i + 1) % len(states)
		if i == 0 {
			n++
		}
		return s
	}
	cycles = func() int { return n }
	return
}

func main() {
	src := "x1 = foo_bar+42*(y-7) "
	st := stateFn(start)
	for i := 0; i < len(src); i++ {
		st = st(src[i])
	}
	fmt.Println(len(tokens), tokens)
	next, cycles := light()
	for i := 0; i < 7; i++ {
		fmt.Print(next(), " ")
	}
	fmt.Println(cycles())
	println(len(tokens))
}
