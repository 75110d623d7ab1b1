// run

package main

// libc's qsort sorts a Go-owned array through an exported Go comparison
// function.

/*
#include <stdlib.h>

extern int goCompare(void *, void *);
static int compareShim(const void *a, const void *b) { return goCompare((void *)a, (void *)b); }
static void sortInts(int *p, size_t n) { qsort(p, n, sizeof(int), compareShim); }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

var calls int

//export goCompare
func goCompare(a, b unsafe.Pointer) C.int {
	calls++
	x, y := *(*C.int)(a), *(*C.int)(b)
	if x < y {
		return -1
	}
	if x > y {
		return 1
	}
	return 0
}

func main() {
	var a [20]C.int
	seed := 12345
	for i := range a {
		seed = (seed*1103515245 + 12345) % 2147483648
		a[i] = C.int(seed%200 - 100)
	}
	a[7] = a[3] // a duplicate
	fmt.Println(a)
	C.sortInts(&a[0], C.size_t(len(a)))
	fmt.Println(a)
	fmt.Println("comparisons made:", calls > 0)
}
