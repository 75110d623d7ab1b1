// run

package main

import "fmt"

func insertionSort(a []int) {
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i - 1
		for j >= 0 && a[j] > v {
			a[j+1] = a[j]
			j--
		}
		a[j+1] = v
	}
}

func quickSort(a []int) {
	if len(a) < 2 {
		return
	}
	p := a[len(a)/2]
	i, j := 0, len(a)-1
	for i <= j {
		for a[i] < p {
			i++
		}
		for a[j] > p {
			j--
		}
		if i <= j {
			a[i], a[j] = a[j], a[i]
			i++
			j--
		}
	}
	quickSort(a[:j+1])
	quickSort(a[i:])
}

func mergeSort(a []int) []int {
	if len(a) <= 1 {
		return a
	}
	mid := len(a) / 2
	l := mergeSort(a[:mid])
	r := mergeSort(a[mid:])
	out := make([]int, 0, len(a))
	for len(l) > 0 && len(r) > 0 {
		if l[0] <= r[0] {
			out = append(out, l[0])
			l = l[1:]
		} else {
			out = append(out, r[0])
			r = r[1:]
		}
	}
	out = append(out, l...)
	return append(out, r...)
}

func heapSort(a []int) {
	n := len(a)
	sift := func(i, n int) {
		for {
			m := i
			l, r := 2*i+1, 2*i+2
			if l < n && a[l] > a[m] {
				m = l
			}
			if r < n && a[r] > a[m] {
				m = r
			}
			if m == i {
				return
			}
			a[i], a[m] = a[m], a[i]
			i = m
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		sift(i, n)
	}
	for end := n - 1; end > 0; end-- {
		a[0], a[end] = a[end], a[0]
		sift(0, end)
	}
}

func countingSort(a []int, max int) []int {
	counts := make([]int, max+1)
	for _, v := range a {
		counts[v]++
	}
	out := a[:0]
	for v, c := range counts {
		for ; c > 0; c-- {
			out = append(out, v)
		}
	}
	return out
}

var seed uint32 = 12345

func rnd() int {
	seed = seed*1103515245 + 12345
	return int(seed>>16) % 1000
}

func sorted(a []int) bool {
	for i := 1; i < len(a); i++ {
		if a[i-1] > a[i] {
			return false
		}
	}
	return true
}

func main() {
	data := make([]int, 20)
	for i := range data {
		data[i] = rnd()
	}
	fmt.Println("input:", data)
	a := append([]int(nil), data...)
	insertionSort(a)
	fmt.Println("insertion:", a)
	b := append([]int{}, data...)
	quickSort(b)
	fmt.Println("quick:", b)
	c := mergeSort(data)
	fmt.Println("merge:", c, "input unchanged:", !sorted(data))
	d := make([]int, len(data))
	copy(d, data)
	heapSort(d)
	fmt.Println("heap:", d)
	e := countingSort(append([]int(nil), data...), 999)
	fmt.Println("counting:", e)
	big := make([]int, 5000)
	for i := range big {
		big[i] = rnd()
	}
	q := append([]int(nil), big...)
	quickSort(q)
	h := append([]int(nil), big...)
	heapSort(h)
	m := mergeSort(big)
	same := true
	for i := range q {
		if q[i] != h[i] || q[i] != m[i] {
			same = false
		}
	}
	fmt.Println(sorted(q), sorted(h), sorted(m), same, q[0], q[2500], q[4999])
	println(sorted(a), len(big))
}
