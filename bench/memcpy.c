/* The copier's yardstick: memcpy of SIZE bytes (default 128 MiB, what growing to a
 * 256 MiB stack copies) into a fresh mapping, as copystack does, and into memory
 * already touched. Prints GB/s for both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    size_t size = argc > 1 ? strtoull(argv[1], 0, 10) : (size_t)128 << 20;
    char *src = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *dst = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (src == MAP_FAILED || dst == MAP_FAILED) return 1;
    memset(src, 0x5a, size);
    double t0 = now();
    memcpy(dst, src, size);
    double cold = now() - t0;
    t0 = now();
    memcpy(dst, src, size);
    double warm = now() - t0;
    printf("memcpy %zu bytes: fresh mapping %.2f GB/s, touched %.2f GB/s\n", size, size / cold / 1e9, size / warm / 1e9);
    return dst[size - 1] != 0x5a;
}
