// run

package main

// A thread created by C (pthread_create) calls an exported Go function, which
// runs on a goroutine of its own; C joins the thread before returning to Go.

/*
#include <pthread.h>

extern int goAdd(int, int);
static int result;
static void *worker(void *arg) {
	int n = (int)(long)arg, s = 0;
	for (int i = 0; i < n; i++)
		s = goAdd(s, i);
	result = s;
	return 0;
}
static int runThread(int n) {
	pthread_t t;
	if (pthread_create(&t, 0, worker, (void *)(long)n) != 0)
		return -1;
	pthread_join(t, 0);
	return result;
}
*/
import "C"

import "fmt"

//export goAdd
func goAdd(a, b C.int) C.int {
	if b == 0 {
		fmt.Println("first callback from the C thread")
	}
	return a + b
}

func main() {
	fmt.Println(C.runThread(1000))
	fmt.Println(C.runThread(10))
}
