// run

package main

/*
#include <stdlib.h>
#include <string.h>

static void upcase(char *s) {
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s -= 32;
}
static const char *greeting(void) { return "hello from C"; }
static char *joined(const char *a, const char *b) {
	char *r = malloc(strlen(a) + strlen(b) + 2);
	strcpy(r, a);
	strcat(r, " ");
	strcat(r, b);
	return r;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	cs := C.CString("gopher")
	defer C.free(unsafe.Pointer(cs))
	fmt.Println(C.strlen(cs))
	C.upcase(cs)
	fmt.Println(C.GoString(cs))

	// Strings owned by C.
	fmt.Println(C.GoString(C.greeting()))
	fmt.Println(C.GoStringN(C.greeting(), 5))
	fmt.Printf("%q %q\n", C.GoString(nil), C.GoStringN(C.greeting(), 0))

	// malloc'd by C, freed from Go.
	j := C.joined(cs, C.greeting())
	s := C.GoString(j)
	C.free(unsafe.Pointer(j))
	fmt.Println(s, len(s))

	// GoString copies: changing the C bytes later does not change the Go string.
	before := C.GoString(cs)
	*cs = 'g'
	fmt.Println(before, C.GoString(cs))

	// CString copies every byte; C stops at the first NUL, GoStringN does not.
	withNul := C.CString("ab\x00cd")
	fmt.Println(C.strlen(withNul), C.GoStringN(withNul, 5) == "ab\x00cd", len(C.GoString(withNul)))
	C.free(unsafe.Pointer(withNul))

	empty := C.CString("")
	fmt.Println(C.strlen(empty), C.GoString(empty) == "")
	C.free(unsafe.Pointer(empty))
}
