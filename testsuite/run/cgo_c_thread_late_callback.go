// run

package main

// A C thread calls back 100 ms later while main waits on a channel: not a deadlock.

/*
#include <pthread.h>
#include <unistd.h>
extern void goNotify(int);
static void *worker(void *arg) { usleep(100000); goNotify(42); return 0; }
static void startThread(void) {
	pthread_t t;
	pthread_create(&t, 0, worker, 0);
	pthread_detach(t);
}
*/
import "C"

import "fmt"

var ch = make(chan int, 1)

//export goNotify
func goNotify(x C.int) { ch <- int(x) }

func main() {
	C.startThread()
	fmt.Println("got", <-ch)
}
