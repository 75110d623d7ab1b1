// run

package main

// A C thread calls back into Go, and the callback calls C, which calls back again
// (nested callbacks on a thread C created); a panic in the outer one is recovered.

/*
#include <pthread.h>
extern int goOuter(int);
extern int goInner(int);
static int inner(int x) { return goInner(x); }
static int result;
static void *worker(void *arg) { result = goOuter((int)(long)arg); return 0; }
static int runThread(int nest) {
	pthread_t t;
	pthread_create(&t, 0, worker, (void*)(long)nest);
	pthread_join(t, 0);
	return result;
}
*/
import "C"

import (
	"fmt"
	"strings"
)

//export goInner
func goInner(x C.int) C.int { return x * 2 }

//export goOuter
func goOuter(x C.int) (r C.int) {
	defer func() {
		if e := recover(); e != nil {
			fmt.Println("recovered:", e)
			r = -1
		}
	}()
	if x != 0 {
		C.inner(x)
	}
	_ = strings.Repeat("x", -1)
	return 0
}

func main() {
	fmt.Println(C.runThread(0))
	fmt.Println(C.runThread(1))
}
