// run

package main

/*
#include <stddef.h>
#include <string.h>

static int addInt(int a, int b) { return a + b; }
static unsigned int mulUint(unsigned int a, unsigned int b) { return a * b; }
static unsigned int allOnes(void) { return 0u - 1u; }
static long negLong(long x) { return -x; }
static unsigned long shiftUlong(unsigned long x, int n) { return x << n; }
static char upper(char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
static signed char halve(signed char c) { return c / 2; }
static unsigned char wrapByte(unsigned char c) { return c + 10; }
static double hypot2(double a, double b) { return a * a + b * b; }
static size_t count(const char *s, char c) {
	size_t n = 0;
	for (; *s; s++)
		if (*s == c)
			n++;
	return n;
}
static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }
static long sum(long *xs, int n) {
	long s = 0;
	for (int i = 0; i < n; i++)
		s += xs[i];
	return s;
}
static void fill(void *p, int n, unsigned char v) { memset(p, v, n); }
static void *offset(void *p, int n) { return (char *)p + n; }
static int isNull(void *p) { return p == NULL; }
static int calls;
static void touch(void) { calls++; }
static int touched(void) { return calls; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	// Integers of every width, with C's wrap-around.
	fmt.Println(C.addInt(40, 2), C.addInt(-7, 3))
	var u C.uint = 65536
	fmt.Println(C.mulUint(u, u), C.mulUint(3, 5), C.allOnes())
	fmt.Println(C.negLong(1<<40), C.shiftUlong(1, 63), C.shiftUlong(C.ulong(3), 2))
	fmt.Println(C.upper('q'), string(rune(C.upper('x'))), C.upper('!'))
	fmt.Println(C.halve(-101), C.wrapByte(250), C.wrapByte(C.uchar(1)))

	// Floating point.
	fmt.Println(C.hypot2(3, 4), float64(C.hypot2(0.5, 0.25)))

	// size_t and const char *.
	word := [...]C.char{'b', 'a', 'n', 'a', 'n', 'a', 0}
	var n C.size_t = C.count(&word[0], 'a')
	fmt.Println(n, C.count(&word[0], 'z'))

	// Pointers to Go memory.
	a, b := C.int(1), C.int(2)
	C.swap(&a, &b)
	fmt.Println(a, b)
	xs := []C.long{1, 2, 3, 4, 5}
	fmt.Println(C.sum(&xs[0], C.int(len(xs))))

	// unsafe.Pointer is C's void *.
	var buf [8]byte
	C.fill(unsafe.Pointer(&buf[0]), 4, 0xAB)
	fmt.Println(buf)
	p := unsafe.Pointer(&buf[0])
	q := C.offset(p, 3)
	fmt.Println(q == unsafe.Pointer(&buf[3]), *(*byte)(q), C.isNull(nil), C.isNull(p))

	// void functions and C state kept between calls.
	C.touch()
	C.touch()
	fmt.Println(C.touched())
}
