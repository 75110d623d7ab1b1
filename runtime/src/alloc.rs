//! Heap allocation (`runtime.mallocgc`) and the slice builtins that allocate
//! (`runtime.makeslice`, `runtime.growslice`).
//!
//! There is **no garbage collector yet**: memory is never freed. What this module does
//! promise:
//!
//! * every block is zeroed, 8-aligned, and 16-aligned when it is 16 bytes or more;
//! * resident memory tracks the bytes actually handed out (not reservations), so a
//!   program that allocates 1 GB in total stays near 1 GB of RSS (blocks of 2 MiB and
//!   more come in huge pages, so touching one of their bytes makes its 2 MiB resident:
//!   never more than the block itself);
//! * `growslice` reproduces Go 1.19's capacities exactly (growth formula *and* size-class
//!   rounding), so `cap()` after `append` prints what real Go prints.
//!
//! Not here: freeing, GC, per-size-class free lists, goroutine stacks (`stack`).
//!
//! Stack use: `mallocgc`'s bump fast path runs on the caller's goroutine stack (it is
//! proven small, docs/stacks.md); its slow paths and `makeslice`/`growslice` switch to
//! the system stack.
//!
//! Layout. Each thread bump-allocates from its own chunk (no lock, no atomics on the
//! fast path; thread-safe because nothing is shared). Chunks are reserved with
//! `MAP_NORESERVE`, so an untouched tail costs address space, not memory. Fresh
//! anonymous memory is already zero, and bump memory is never reused, so no block needs
//! clearing.
//!
//! ```text
//!   chunk (CHUNK_SIZE reserved, pages committed on first touch)
//!   +--------+----+--------+------------------------------------------+
//!   | block  |pad | block  |      untouched (not resident)            |
//!   +--------+----+--------+------------------------------------------+
//!   ^start             cur ^                                     end ^
//!
//!   a block >= LARGE_SIZE: a mapping of its own, rounded up to whole pages; from
//!   sys::HUGE_PAGE on, starting on a huge-page boundary and backed by huge pages
//!   (sys::mmap_anon_huge: 4x fewer page faults for bench/sieve.go's 10 MB slice, and
//!   TLB reach for loops that stride through it)
//! ```

use std::cell::Cell;

use crate::abi::GoSlice;
use crate::sys;

/// Address space reserved per chunk. Large enough that refills are rare (one `mmap` per
/// 64 MiB of small objects) and cheap to waste: the untouched rest is never resident.
const CHUNK_SIZE: usize = 64 << 20;

/// Blocks of at least this size get their own mapping, so that a chunk's wasted tail
/// (when a block does not fit in what is left) is always below 1 MiB.
const LARGE_SIZE: usize = 1 << 20;

/// The OS page size the mappings are rounded to.
const OS_PAGE: usize = 4096;

/// Go's `maxAlloc` on linux/amd64: the largest allocation that can succeed (2^48).
pub const MAX_ALLOC: u64 = 1 << 48;

/// Where zero-sized allocations point (Go's `zerobase`): non-nil and never written.
static ZEROBASE: u64 = 0;

thread_local! {
    /// This thread's bump chunk: (next free address, end of chunk). `(0, 0)` = none yet.
    static CHUNK: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// The address of [`ZEROBASE`] (what zero-sized allocations return).
pub fn zerobase() -> *mut u8 {
    std::ptr::addr_of!(ZEROBASE) as *mut u8
}

/// Allocates `size` zeroed bytes: 8-aligned, 16-aligned for `size >= 16`. Never returns
/// null (out of memory is a fatal error, as in Go).
#[export_name = "runtime.mallocgc"]
pub extern "C" fn mallocgc(size: u64) -> *mut u8 {
    if size == 0 {
        return zerobase();
    }
    if size >= LARGE_SIZE as u64 {
        return crate::stack::systemstack(move || large_alloc(size));
    }
    let size = size as usize;
    let align = if size >= 16 { 16 } else { 8 };
    CHUNK.with(|c| {
        let (cur, end) = c.get();
        let start = (cur + align - 1) & !(align - 1);
        if cur != 0 && start + size <= end {
            c.set((start + size, end));
            return start as *mut u8;
        }
        // Refill (a system call, maybe a fatal error): on the system stack.
        crate::stack::systemstack(move || refill(size))
    })
}

/// Starts a new chunk holding a first block of `size` bytes. The old chunk's tail is
/// abandoned (it is < LARGE_SIZE and mostly untouched, so it costs no memory).
fn refill(size: usize) -> *mut u8 {
    let base = sys::mmap_anon(CHUNK_SIZE);
    if base.is_null() {
        crate::panic::throw("runtime: out of memory");
    }
    let base = base as usize; // page-aligned, so 16-aligned
    CHUNK.with(|c| c.set((base + size, base + CHUNK_SIZE)));
    base as *mut u8
}

fn large_alloc(size: u64) -> *mut u8 {
    if size > MAX_ALLOC {
        crate::panic::throw("runtime: out of memory");
    }
    let len = (size as usize + OS_PAGE - 1) & !(OS_PAGE - 1);
    let p = sys::mmap_anon_huge(0, len);
    if p.is_null() {
        crate::panic::throw("runtime: out of memory");
    }
    p
}

// Go 1.19 size classes (runtime/sizeclasses.go `class_to_size`, class 0 omitted).
const CLASS_TO_SIZE: [u16; 67] = [
    8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
    384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048,
    2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

/// Go's `_MaxSmallSize`: above this, sizes round up to whole Go pages.
const MAX_SMALL_SIZE: u64 = 32768;
/// Go's `_PageSize` (8 KiB), the unit large allocations are rounded to.
const GO_PAGE_SIZE: u64 = 8192;

/// Go 1.19's `roundupsize`: the size the allocator would really hand out for a request
/// of `size` bytes. Small sizes round up to their size class (the smallest class that
/// fits, which is what Go's two lookup tables compute), large ones to 8 KiB pages.
pub fn roundupsize(size: u64) -> u64 {
    if size == 0 {
        return 0;
    }
    if size < MAX_SMALL_SIZE {
        let i = CLASS_TO_SIZE.partition_point(|&c| (c as u64) < size);
        return CLASS_TO_SIZE[i] as u64;
    }
    match size.checked_add(GO_PAGE_SIZE - 1) {
        Some(s) => s & !(GO_PAGE_SIZE - 1),
        None => size,
    }
}

/// `make([]T, len, cap)`: allocates the backing array of `cap` zeroed elements.
/// Panics like Go when `len` or `cap` is negative, `len > cap`, or the size overflows.
#[export_name = "runtime.makeslice"]
pub extern "C" fn makeslice(elem_size: u64, len: i64, cap: i64) -> *mut u8 {
    crate::stack::systemstack(move || {
        let mem = elem_size.checked_mul(cap as u64);
        if mem.is_none_or(|m| m > MAX_ALLOC) || len < 0 || len > cap {
            let mem = elem_size.checked_mul(len as u64);
            if mem.is_none_or(|m| m > MAX_ALLOC) || len < 0 {
                crate::panic::panic_runtime_error("makeslice: len out of range");
            }
            crate::panic::panic_runtime_error("makeslice: cap out of range");
        }
        mallocgc(mem.unwrap_or(0))
    })
}

/// The capacity Go 1.19's `growslice` picks when a slice of `old_cap` elements of
/// `elem_size` bytes must hold `newlen` elements, and the bytes it allocates.
/// `None` when the request overflows (`growslice: cap out of range`).
pub fn grow_cap(elem_size: u64, old_cap: i64, newlen: i64) -> Option<(i64, u64)> {
    if newlen < old_cap {
        return None;
    }
    if elem_size == 0 {
        return Some((newlen, 0));
    }
    let mut newcap = old_cap;
    let doublecap = newcap.wrapping_add(newcap);
    if newlen > doublecap {
        newcap = newlen;
    } else {
        // Below this many elements a slice doubles; above it growth eases towards
        // 1.25x (Go 1.18+'s smooth transition).
        const THRESHOLD: i64 = 256;
        if old_cap < THRESHOLD {
            newcap = doublecap;
        } else {
            while 0 < newcap && newcap < newlen {
                newcap = newcap.wrapping_add((newcap + 3 * THRESHOLD) / 4);
            }
            if newcap <= 0 {
                newcap = newlen;
            }
        }
    }
    // All of Go's specialised cases (1, pointer size, powers of two, general) compute
    // the same thing: round the byte size up to a size class, then see how many
    // elements fit.
    let (capmem, overflow) = match elem_size.checked_mul(newcap as u64) {
        Some(m) => (roundupsize(m), false),
        None => (0, true),
    };
    if overflow || capmem > MAX_ALLOC {
        return None;
    }
    Some(((capmem / elem_size) as i64, capmem))
}

/// `append` slow path: a new backing array big enough for `newlen` elements, with Go
/// 1.19's capacity; the first `len` elements are copied from `ptr`, the rest is zero.
/// Writes `{new ptr, newlen, new cap}` to `out` (the length is already the new one, so
/// the caller only stores the appended elements).
///
/// # Safety
/// `out` must be writable; `ptr` must be readable for `len * elem_size` bytes.
#[export_name = "runtime.growslice"]
pub unsafe extern "C" fn growslice(
    out: *mut GoSlice,
    elem_size: u64,
    ptr: *const u8,
    len: i64,
    cap: i64,
    newlen: i64,
) {
    crate::stack::systemstack(move || {
        let Some((newcap, capmem)) = grow_cap(elem_size, cap, newlen) else {
            crate::panic::panic_runtime_error("growslice: cap out of range");
        };
        let p = if elem_size == 0 {
            zerobase()
        } else {
            mallocgc(capmem)
        };
        let lenmem = (len.max(0) as u64 * elem_size) as usize;
        if lenmem > 0 {
            // SAFETY: the caller guarantees `ptr` has `len` elements; `p` is a fresh block of
            // `capmem >= newlen * elem_size >= lenmem` bytes, so the ranges do not overlap.
            unsafe { std::ptr::copy_nonoverlapping(ptr, p, lenmem) };
        }
        // SAFETY: the caller guarantees `out` is writable.
        unsafe {
            out.write(GoSlice {
                ptr: p,
                len: newlen,
                cap: newcap,
            })
        };
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distinct capacities seen when appending one element at a time to a nil slice,
    /// printed by real Go 1.19 (linux/amd64) for 20000 appends.
    fn caps_one_by_one(elem_size: u64, n: i64) -> Vec<i64> {
        let (mut len, mut cap) = (0i64, 0i64);
        let mut seen = Vec::new();
        for _ in 0..n {
            if len + 1 > cap {
                cap = grow_cap(elem_size, cap, len + 1).unwrap().0;
                seen.push(cap);
            }
            len += 1;
        }
        seen
    }

    #[test]
    fn growslice_caps_match_go() {
        assert_eq!(
            caps_one_by_one(1, 20000),
            [
                8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048, 3072, 4096, 5376, 6912, 9472, 12288,
                16384, 21760
            ]
        );
        assert_eq!(
            caps_one_by_one(4, 20000),
            [
                2, 4, 8, 16, 32, 64, 128, 256, 512, 864, 1344, 2048, 3072, 4096, 5440, 7168, 10240,
                14336, 18432, 24576
            ]
        );
        assert_eq!(
            caps_one_by_one(8, 20000),
            [
                1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3408, 5120, 7168,
                9216, 12288, 16384, 21504
            ]
        );
        assert_eq!(
            caps_one_by_one(16, 20000),
            [
                1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3584, 5120, 6656,
                8704, 11264, 14336, 18432, 23552
            ]
        );
        assert_eq!(
            caps_one_by_one(24, 20000),
            [
                1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 853, 1365, 2048, 3072, 4096, 5461, 7168,
                9216, 11946, 15360, 19456, 24576
            ]
        );
    }

    #[test]
    fn growslice_bulk_caps_match_go() {
        // append(make([]T, start), make([]T, n)...) for T of 8, 1 and 24 bytes: cap()
        // as printed by Go 1.19.
        let expected: [i64; 90] = [
            1, 8, 1, 8, 8, 7, 14, 16, 13, 512, 512, 512, 3072, 3072, 3072, 6, 8, 6, 10, 16, 10, 16,
            16, 16, 512, 512, 512, 3072, 3072, 3072, 10, 16, 10, 12, 16, 12, 18, 24, 18, 512, 512,
            512, 3072, 3072, 3072, 224, 208, 202, 224, 208, 202, 224, 208, 202, 608, 640, 682,
            3408, 3200, 3413, 608, 576, 597, 608, 576, 597, 608, 576, 597, 816, 896, 853, 3408,
            3456, 3413, 1536, 1536, 1706, 1536, 1536, 1706, 1536, 1536, 1706, 2048, 2048, 2048,
            4096, 4096, 4096,
        ];
        let mut got = Vec::new();
        for start in [0i64, 3, 5, 100, 300, 1000] {
            for n in [1i64, 7, 13, 500, 3000] {
                for es in [8u64, 1, 24] {
                    // make([]T, start) has cap == start.
                    got.push(grow_cap(es, start, start + n).unwrap().0);
                }
            }
        }
        assert_eq!(got, expected);
    }

    #[test]
    fn roundupsize_matches_go_tables() {
        assert_eq!(roundupsize(1), 8);
        assert_eq!(roundupsize(9), 16);
        assert_eq!(roundupsize(20), 24);
        assert_eq!(roundupsize(1016), 1024);
        assert_eq!(roundupsize(1017), 1024);
        assert_eq!(roundupsize(1025), 1152);
        assert_eq!(roundupsize(32767), 32768);
        assert_eq!(roundupsize(32768), 32768);
        assert_eq!(roundupsize(32769), 40960);
    }

    #[test]
    fn growslice_copies_and_zeroes() {
        let src = [1u8, 2, 3];
        let mut out = GoSlice {
            ptr: std::ptr::null_mut(),
            len: 0,
            cap: 0,
        };
        // SAFETY: `out` is writable and `src` has 3 readable bytes.
        unsafe { growslice(&mut out, 1, src.as_ptr(), 3, 3, 4) };
        assert_eq!((out.len, out.cap), (4, 8));
        // SAFETY: growslice returned a block of `cap` bytes.
        let got = unsafe { std::slice::from_raw_parts(out.ptr, 8) };
        assert_eq!(got, [1, 2, 3, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn mallocgc_alignment_and_zeroing() {
        for size in [1u64, 7, 8, 15, 16, 17, 100, 4096, 1 << 20, 3 << 20] {
            let p = mallocgc(size);
            assert!(!p.is_null());
            let align = if size >= 16 { 16 } else { 8 };
            assert_eq!(p as usize % align, 0, "size {size}");
            // SAFETY: mallocgc returned `size` writable bytes.
            let s = unsafe { std::slice::from_raw_parts_mut(p, size as usize) };
            assert!(s.iter().all(|&b| b == 0));
            s.fill(0xAB);
        }
        assert_eq!(mallocgc(0), zerobase());
    }

    #[test]
    fn blocks_of_a_huge_page_and_more_start_on_one() {
        for size in [sys::HUGE_PAGE as u64, (3 << 20) + 5, 10_000_001] {
            let p = mallocgc(size);
            assert_eq!(p as usize % sys::HUGE_PAGE, 0, "size {size}");
            // SAFETY: mallocgc returned `size` writable bytes.
            let s = unsafe { std::slice::from_raw_parts_mut(p, size as usize) };
            assert!(s.iter().all(|&b| b == 0));
            s.fill(0xCD);
        }
        // Below a huge page: whole OS pages only.
        let p = mallocgc(LARGE_SIZE as u64);
        assert_eq!(p as usize % OS_PAGE, 0);
    }

    #[test]
    fn mallocgc_is_thread_safe() {
        let handles: Vec<_> = (0..4)
            .map(|t| {
                std::thread::spawn(move || {
                    let mut v = Vec::new();
                    for i in 0..10000u64 {
                        let p = mallocgc(8 + i % 40);
                        // SAFETY: at least 8 writable bytes.
                        unsafe { (p as *mut u64).write(t * 1_000_000 + i) };
                        v.push(p as usize);
                    }
                    for (i, p) in v.iter().enumerate() {
                        // SAFETY: written above, never freed.
                        assert_eq!(
                            unsafe { (*p as *const u64).read() },
                            t * 1_000_000 + i as u64
                        );
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
    }

    #[test]
    fn makeslice_sizes() {
        let p = makeslice(8, 3, 10);
        assert!(!p.is_null());
        assert_eq!(makeslice(8, 0, 0), zerobase());
    }
}
