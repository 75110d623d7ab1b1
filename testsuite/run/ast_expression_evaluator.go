// run

package main

import (
	"fmt"
	"strings"
)

// Tree-walking interpreter for a tiny language of let-bindings,
// arithmetic, comparisons and conditionals; nodes are structs with pointers.
const (
	NNum = iota
	NVar
	NBin
	NLet
	NIf
)

type Node struct {
	Kind        int
	Num         int
	Name        string
	Op          string
	L, R, Third *Node
}

type Env struct {
	names []string
	vals  []int
}

func lookup(e *Env, name string) int {
	for i := len(e.names) - 1; i >= 0; i-- {
		if e.names[i] == name {
			return e.vals[i]
		}
	}
	panic("unbound variable " + name)
}

func eval(n *Node, e *Env) int {
	switch n.Kind {
	case NNum:
		return n.Num
	case NVar:
		return lookup(e, n.Name)
	case NBin:
		a, b := eval(n.L, e), eval(n.R, e)
		switch n.Op {
		case "+":
			return a + b
		case "-":
			return a - b
		case "*":
			return a * b
		case "/":
			return a / b
		case "<":
			if a < b {
				return 1
			}
			return 0
		case "=":
			if a == b {
				return 1
			}
			return 0
		}
	case NLet:
		v := eval(n.L, e)
		e.names = append(e.names, n.Name)
		e.vals = append(e.vals, v)
		r := eval(n.R, e)
		e.names = e.names[:len(e.names)-1]
		e.vals = e.vals[:len(e.vals)-1]
		return r
	case NIf:
		if eval(n.L, e) != 0 {
			return eval(n.R, e)
		}
		return eval(n.Third, e)
	}
	panic("bad node")
}

// parser for s-expressions
type Parser struct {
	toks []string
	pos  int
}

func tokenize(s string) []string {
	s = strings.Join(strings.Split(s, "("), " ( ")
	s = strings.Join(strings.Split(s, ")"), " ) ")
	return strings.Fields(s)
}

func parse(p *Parser) *Node {
	t := p.toks[p.pos]
	p.pos++
	if t == "(" {
		head := p.toks[p.pos]
		p.pos++
		var n *Node
		switch head {
		case "let":
			name := p.toks[p.pos]
			p.pos++
			n = &Node{Kind: NLet, Name: name}
			n.L = parse(p)
			n.R = parse(p)
		case "if":
			n = &Node{Kind: NIf}
			n.L, n.R, n.Third = parse(p), parse(p), parse(p)
		default:
			n = &Node{Kind: NBin, Op: head}
			n.L = parse(p)
			n.R = parse(p)
		}
		p.pos++ // ")"
		return n
	}
	if t[0] >= '0' && t[0] <= '9' || t[0] == '-' && len(t) > 1 {
		v, neg := 0, false
		for i, c := range t {
			if i == 0 && c == '-' {
				neg = true
				continue
			}
			v = v*10 + int(c-'0')
		}
		if neg {
			v = -v
		}
		return &Node{Kind: NNum, Num: v}
	}
	return &Node{Kind: NVar, Name: t}
}

func show(n *Node) string {
	switch n.Kind {
	case NNum:
		return fmt.Sprint(n.Num)
	case NVar:
		return n.Name
	case NBin:
		return "(" + show(n.L) + " " + n.Op + " " + show(n.R) + ")"
	case NLet:
		return "let " + n.Name + " = " + show(n.L) + " in " + show(n.R)
	}
	return "if " + show(n.L) + " then " + show(n.R) + " else " + show(n.Third)
}

func main() {
	progs := []string{
		"42",
		"(+ 1 (* 2 3))",
		"(let x 5 (let y (* x x) (- y x)))",
		"(let x 1 (+ (let x 10 x) x))",
		"(if (< 3 4) 100 200)",
		"(let n 7 (if (= (- n (* (/ n 2) 2)) 1) (* 3 n) (/ n 2)))",
		"(- -8 (* -2 -3))",
	}
	for _, src := range progs {
		p := &Parser{toks: tokenize(src)}
		ast := parse(p)
		env := &Env{}
		fmt.Printf("%-55s => %-45s = %d\n", src, show(ast), eval(ast, env))
	}
	println(len(progs))
}
