// run

package main

import (
	"fmt"
	"strconv"
	"strings"
)

const (
	OpPush = iota
	OpAdd
	OpSub
	OpMul
	OpDiv
	OpDup
	OpSwap
	OpJz
	OpJmp
	OpPrint
	OpHalt
	OpLoad
	OpStore
	OpLt
)

var opNames = [...]string{"push", "add", "sub", "mul", "div", "dup", "swap", "jz", "jmp", "print", "halt", "load", "store", "lt"}

type Instr struct {
	Op  int
	Arg int
}

type VM struct {
	code  []Instr
	stack []int
	vars  [8]int
	pc    int
	steps int
	out   []string
}

func assemble(src string) []Instr {
	var code []Instr
	for _, line := range strings.Split(src, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		op := -1
		for i, n := range opNames {
			if n == f[0] {
				op = i
			}
		}
		if op < 0 {
			panic("unknown op " + f[0])
		}
		ins := Instr{Op: op}
		if len(f) > 1 {
			v := 0
			neg := false
			for i, c := range f[1] {
				if i == 0 && c == '-' {
					neg = true
					continue
				}
				v = v*10 + int(c-'0')
			}
			if neg {
				v = -v
			}
			ins.Arg = v
		}
		code = append(code, ins)
	}
	return code
}

func push(vm *VM, v int) { vm.stack = append(vm.stack, v) }

func pop(vm *VM) int {
	v := vm.stack[len(vm.stack)-1]
	vm.stack = vm.stack[:len(vm.stack)-1]
	return v
}

func run(vm *VM) {
	for {
		ins := vm.code[vm.pc]
		vm.pc++
		vm.steps++
		if vm.steps > 1000000 {
			panic("step limit exceeded")
		}
		switch ins.Op {
		case OpPush:
			push(vm, ins.Arg)
		case OpAdd, OpSub, OpMul, OpDiv, OpLt:
			b, a := pop(vm), pop(vm)
			var r int
			switch ins.Op {
			case OpAdd:
				r = a + b
			case OpSub:
				r = a - b
			case OpMul:
				r = a * b
			case OpDiv:
				r = a / b
			case OpLt:
				if a < b {
					r = 1
				}
			}
			push(vm, r)
		case OpDup:
			v := pop(vm)
			push(vm, v)
			push(vm, v)
		case OpSwap:
			b, a := pop(vm), pop(vm)
			push(vm, b)
			push(vm, a)
		case OpJz:
			if pop(vm) == 0 {
				vm.pc = ins.Arg
			}
		case OpJmp:
			vm.pc = ins.Arg
		case OpPrint:
			vm.out = append(vm.out, strconv.Itoa(pop(vm)))
		case OpLoad:
			push(vm, vm.vars[ins.Arg])
		case OpStore:
			vm.vars[ins.Arg] = pop(vm)
		case OpHalt:
			return
		}
	}
}

const factorial = `
# v0 = n, v1 = acc
push 10
store 0
push 1
store 1
# loop at 4: if !(0 < n) goto end
push 0
load 0
lt
jz 17
load 1
load 0
mul
store 1
load 0
push 1
sub
store 0
jmp 4
`

const countdown = `
push 5
dup
print
push 1
sub
dup
jz 8
jmp 1
push -42
print
halt
`

func main() {
	code := assemble(factorial + "load 1\nprint\nhalt\n")
	for i, ins := range code[:6] {
		fmt.Printf("%2d %-6s %d\n", i, opNames[ins.Op], ins.Arg)
	}
	vm := &VM{code: code}
	run(vm)
	fmt.Println("factorial:", strings.Join(vm.out, ","), "steps:", vm.steps, "vars:", vm.vars)
	vm2 := VM{code: assemble(countdown)}
	run(&vm2)
	fmt.Println("countdown:", strings.Join(vm2.out, " "), "stack:", vm2.stack, len(vm2.stack))
	// value semantics: copying the VM struct copies vars array but shares slices
	vm3 := vm2
	vm3.vars[0] = 99
	vm3.out[0] = "changed"
	fmt.Println(vm2.vars[0], vm2.out[0])
	println(vm.steps)
}
