// run

package main

import "fmt"

const Size = 5

type Ring struct {
	buf        [Size]int
	head, tail int
	count      int
}

func push(r *Ring, v int) bool {
	if r.count == Size {
		return false
	}
	r.buf[r.tail] = v
	r.tail = (r.tail + 1) % Size
	r.count++
	return true
}

func pop(r *Ring) (int, bool) {
	if r.count == 0 {
		return 0, false
	}
	v := r.buf[r.head]
	r.head = (r.head + 1) % Size
	r.count--
	return v, true
}

// slice-backed deque
type Deque struct {
	items []string
}

func pushFront(d *Deque, s string) { d.items = append([]string{s}, d.items...) }
func pushBack(d *Deque, s string)  { d.items = append(d.items, s) }
func popFront(d *Deque) string {
	s := d.items[0]
	d.items = d.items[1:]
	return s
}
func popBack(d *Deque) string {
	s := d.items[len(d.items)-1]
	d.items = d.items[:len(d.items)-1]
	return s
}

func main() {
	var r Ring
	for i := 1; i <= 7; i++ {
		fmt.Print(push(&r, i*10), " ")
	}
	fmt.Println(r.count, r.buf)
	for i := 0; i < 3; i++ {
		v, ok := pop(&r)
		fmt.Print(v, ok, " ")
	}
	fmt.Println()
	push(&r, 60)
	push(&r, 70)
	fmt.Println(r.buf, r.head, r.tail, r.count)
	snapshot := r // value copy
	for {
		v, ok := pop(&r)
		if !ok {
			break
		}
		fmt.Print(v, " ")
	}
	fmt.Println(r.count, snapshot.count)
	var d Deque
	pushBack(&d, "b")
	pushFront(&d, "a")
	pushBack(&d, "c")
	pushFront(&d, "z")
	fmt.Println(d.items, len(d.items))
	fmt.Println(popFront(&d), popBack(&d), d.items)
	println(snapshot.count)
}
