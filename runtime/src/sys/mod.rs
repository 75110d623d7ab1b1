//! Every operating-system call the runtime makes goes through this module (Linux):
//! writing to a file descriptor, reserving, protecting and releasing anonymous memory
//! (and giving pages of it back),
//! asking for the current thread's stack bounds and the executable mappings, sleeping
//! and waking threads on a futex word, reading the monotonic clock, exiting; for C
//! interop: fault signals and signal stacks, `dladdr`, the C library's `malloc`; for
//! the REPL: taking `SIGINT` synchronously.
//!
//! Not here: policy. Callers decide what to write, how big a mapping is and when to
//! exit; these wrappers only retry interrupted or partial writes and report failures.

/// Gives the pages of `[p, p + size)` back to the kernel (`MADV_DONTNEED`): they no
/// longer count towards RSS and read as zero if touched again. `p` and `size` must be
/// page-aligned; failures are ignored (the memory simply stays resident).
///
/// # Safety
/// Nothing may rely on the range's contents any more.
pub unsafe fn release_pages(p: usize, size: usize) {
    // SAFETY: caller's contract; madvise does not unmap, so no dangling mapping.
    unsafe { libc::madvise(p as *mut libc::c_void, size, libc::MADV_DONTNEED) };
}

/// Blocks the calling thread while `*word == expected` (`FUTEX_WAIT`, private), for at
/// most `timeout_ns` nanoseconds if given. May return spuriously; callers re-check
/// their condition in a loop.
pub fn futex_wait(word: &std::sync::atomic::AtomicU32, expected: u32, timeout_ns: Option<u64>) {
    let ts = timeout_ns.map(|ns| libc::timespec {
        tv_sec: (ns / 1_000_000_000) as libc::time_t,
        tv_nsec: (ns % 1_000_000_000) as libc::c_long,
    });
    // SAFETY: `word` is a live, aligned 32-bit atomic for the duration of the call; the
    // kernel only reads it and the relative timeout (null: wait indefinitely).
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAIT | libc::FUTEX_PRIVATE_FLAG,
            expected,
            ts.as_ref().map_or(std::ptr::null(), |t| t as *const libc::timespec),
        );
    }
}

/// Wakes up to `n` threads blocked in [`futex_wait`] on `word`.
pub fn futex_wake(word: &std::sync::atomic::AtomicU32, n: i32) {
    // SAFETY: as for `futex_wait`; FUTEX_WAKE does not access memory.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAKE | libc::FUTEX_PRIVATE_FLAG,
            n,
        );
    }
}

/// Nanoseconds of the monotonic clock (Go's `nanotime`).
pub fn nanotime() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid out-pointer; CLOCK_MONOTONIC always exists on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// Sleeps the calling thread for `us` microseconds.
pub fn usleep(us: u32) {
    // SAFETY: usleep has no memory effects.
    unsafe { libc::usleep(us) };
}

/// Standard output, where `fmt` writes.
pub const STDOUT: i32 = 1;
/// Standard error, where `print`/`println`, panics and fatal errors write.
pub const STDERR: i32 = 2;

/// Writes all of `buf` to `fd`. Normally a single `write(2)`; loops only on a partial
/// write or `EINTR`. Errors (a closed pipe) are ignored, as Go's runtime `write` does.
pub fn write_all(fd: i32, mut buf: &[u8]) {
    while !buf.is_empty() {
        // SAFETY: `buf` is a live slice, so `buf.as_ptr()` is readable for `buf.len()`
        // bytes; `write` does not retain the pointer.
        let n = unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return;
        }
        if n == 0 {
            return;
        }
        buf = &buf[n as usize..];
    }
}

/// Reserves `size` bytes of zero-filled, read-write, private anonymous memory. With
/// `MAP_NORESERVE` nothing is committed up front: pages count towards RSS only when
/// first touched. Returns null on failure.
pub fn mmap_anon(size: usize) -> *mut u8 {
    // SAFETY: an anonymous mapping with a null hint touches no existing memory.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        std::ptr::null_mut()
    } else {
        p.cast()
    }
}

/// The huge-page size of x86-64 Linux: transparent huge pages back 2 MiB-aligned,
/// 2 MiB ranges.
pub const HUGE_PAGE: usize = 2 << 20;

/// [`mmap_anon`] for a heap block or goroutine stack: `below + size` bytes (both
/// multiples of the OS page). Below [`HUGE_PAGE`] that is all; from it on, the part
/// after the first `below` bytes starts on a [`HUGE_PAGE`] boundary and is marked
/// `MADV_HUGEPAGE`, so that the kernel backs it
/// with huge pages (this machine's THP mode may be `madvise`, and Go 1.19's heap asks
/// for them too). Fewer page faults, and far fewer TLB misses for a loop that strides
/// through a big slice. `below` is room for a guard page under a stack. The mapping is
/// exactly `below + size` bytes, so resident memory stays within it. Returns the start
/// of the mapping, or null on failure; when the 2 MiB of slack cannot be reserved it
/// falls back to a plain [`mmap_anon`].
///
/// With THP `defrag` in `madvise` mode a fault in such a range may compact memory
/// first, which can stall the faulting thread (Go 1.21 stopped asking for huge pages
/// for that reason); the range is always large, so the faults saved outweigh it here.
pub fn mmap_anon_huge(below: usize, size: usize) -> *mut u8 {
    debug_assert!(below.is_multiple_of(4096) && size.is_multiple_of(4096), "whole pages");
    if size < HUGE_PAGE {
        return mmap_anon(below + size);
    }
    let Some(reserved) = below.checked_add(size).and_then(|n| n.checked_add(HUGE_PAGE)) else { return std::ptr::null_mut() };
    let p = mmap_anon(reserved);
    if p.is_null() {
        return mmap_anon(below + size);
    }
    let start = (p as usize + below).next_multiple_of(HUGE_PAGE) - below;
    let (head, tail) = (start - p as usize, reserved - (start - p as usize) - below - size);
    // SAFETY: the head and tail are the parts of the fresh mapping `p` outside
    // `[start, start+below+size)`; nothing refers to them. madvise only changes how
    // the rest is backed (a failure just leaves small pages).
    unsafe {
        if head > 0 {
            munmap(p, head);
        }
        if tail > 0 {
            munmap((start + below + size) as *mut u8, tail);
        }
        libc::madvise((start + below) as *mut libc::c_void, size, libc::MADV_HUGEPAGE);
    }
    start as *mut u8
}

/// Releases a mapping made by [`mmap_anon`] (old goroutine stacks, aggregate chunks).
///
/// # Safety
/// `[p, p+size)` must be (part of) a mapping from `mmap_anon` that nothing uses any more.
pub unsafe fn munmap(p: *mut u8, size: usize) {
    // SAFETY: forwarded to the caller's contract.
    unsafe {
        libc::munmap(p.cast(), size);
    }
}

/// Makes `[p, p+size)` inaccessible (the guard page below a goroutine stack). A failure
/// only loses the tripwire, so it is ignored.
///
/// # Safety
/// `[p, p+size)` must be page-aligned and part of a mapping from `mmap_anon` that
/// nothing uses.
pub unsafe fn mprotect_none(p: *mut u8, size: usize) {
    // SAFETY: forwarded to the caller's contract.
    unsafe {
        libc::mprotect(p.cast(), size, libc::PROT_NONE);
    }
}

/// Whether `addr` lies in an executable mapping of this process, per
/// `/proc/self/maps` (read once; later mappings are unknown). Used only by the debug
/// stack verifier to recognise return addresses.
pub fn is_executable(addr: usize) -> bool {
    static RANGES: std::sync::OnceLock<Vec<(usize, usize)>> = std::sync::OnceLock::new();
    let ranges = RANGES.get_or_init(|| {
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
        maps.lines()
            .filter_map(|l| {
                let mut it = l.split_whitespace();
                let range = it.next()?;
                let perms = it.next()?;
                if !perms.contains('x') {
                    return None;
                }
                let (a, b) = range.split_once('-')?;
                Some((
                    usize::from_str_radix(a, 16).ok()?,
                    usize::from_str_radix(b, 16).ok()?,
                ))
            })
            .collect()
    });
    ranges.iter().any(|&(a, b)| a <= addr && addr < b)
}

/// The current thread's stack as `(lowest address, one past the highest)`, from
/// `pthread_getattr_np` (exact for threads; for the main thread, glibc derives it from
/// the stack rlimit and `/proc/self/maps`).
pub fn thread_stack_bounds() -> Option<(usize, usize)> {
    // SAFETY: `attr` is initialised by `pthread_getattr_np` before use and destroyed
    // exactly once after; the out-pointers are valid locals.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let r = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        if r != 0 || addr.is_null() {
            return None;
        }
        Some((addr as usize, addr as usize + size))
    }
}

/// Ends the process at once with `code` (like Go's `exit`, which is `exit_group`): no
/// atexit handlers, no destructors, other threads stop where they are. Nothing needs
/// flushing since all runtime output is unbuffered.
pub fn exit(code: i32) -> ! {
    #[cfg(test)]
    {
        let hook = BEFORE_EXIT.load(std::sync::atomic::Ordering::Relaxed);
        if hook != 0 {
            // SAFETY: only tests store a `fn()` here.
            unsafe { std::mem::transmute::<usize, fn()>(hook)() };
        }
    }
    // SAFETY: `_exit` is always safe to call; it does not return.
    unsafe { libc::_exit(code) }
}

/// Tests only: a `fn()` run by [`exit`] first (to measure the stack a dying entry point
/// used before the process is gone).
#[cfg(test)]
pub static BEFORE_EXIT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The signals that mean a memory fault (`SIGSEGV`, `SIGBUS`), with their Go names.
pub const FAULT_SIGNALS: [(i32, &str); 2] =
    [(libc::SIGSEGV, "SIGSEGV: segmentation violation"), (libc::SIGBUS, "SIGBUS: bus error")];

/// What a fault handler learns: `si_code`, the faulting address, and the interrupted
/// thread's PC and RBP.
pub struct Fault {
    pub code: i32,
    pub addr: usize,
    pub pc: usize,
    pub fp: usize,
}

/// Installs `handler` for [`FAULT_SIGNALS`], run on the thread's alternate signal
/// stack (see [`install_signal_stack`]; without one, on the faulting stack).
pub fn install_fault_handler(handler: extern "C" fn(i32, *mut libc::siginfo_t, *mut libc::c_void)) {
    for (sig, _) in FAULT_SIGNALS {
        // SAFETY: a zeroed sigaction with the handler, flags and an empty mask is
        // valid; the handler is an `extern "C"` function of the SA_SIGINFO shape.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = handler as usize;
            sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

/// Decodes the arguments of a `SA_SIGINFO` handler.
///
/// # Safety
/// `info` and `uctx` are the pointers the kernel passed to the handler.
pub unsafe fn fault(info: *mut libc::siginfo_t, uctx: *mut libc::c_void) -> Fault {
    // SAFETY: caller's contract: both point to the kernel's signal frame.
    unsafe {
        let gregs = &(*(uctx as *const libc::ucontext_t)).uc_mcontext.gregs;
        Fault {
            code: (*info).si_code,
            addr: (*info).si_addr() as usize,
            pc: gregs[libc::REG_RIP as usize] as usize,
            fp: gregs[libc::REG_RBP as usize] as usize,
        }
    }
}

/// Gives the calling thread an alternate signal stack of `size` bytes (never freed:
/// it lives as long as the thread's M), so that a fault on an exhausted stack can
/// still be reported.
pub fn install_signal_stack(size: usize) {
    let base = mmap_anon(size);
    if base.is_null() {
        return; // faults are then handled on the faulting stack, if it has room
    }
    let ss = libc::stack_t { ss_sp: base.cast(), ss_flags: 0, ss_size: size };
    // SAFETY: `ss` describes a fresh mapping owned by this thread from now on.
    unsafe { libc::sigaltstack(&ss, std::ptr::null_mut()) };
}

/// Where `dladdr` places a code address.
pub struct Symbol {
    /// The dynamic symbol containing it (absent for static functions).
    pub name: Option<&'static [u8]>,
    /// The address minus the symbol's (or, without one, the object's base).
    pub offset: usize,
    /// The object file.
    pub file: &'static [u8],
}

/// The dynamic symbol containing `pc` and its object file (`dladdr`). Allocates
/// nothing (a fault handler calls it). The strings are the loader's: they live as
/// long as the object stays loaded, and the runtime never unloads one.
pub fn symbolize(pc: usize) -> Option<Symbol> {
    // SAFETY: `dladdr` only reads the loader's tables; `info` is a valid out-pointer;
    // the returned C strings are NUL-terminated and stay valid (see above).
    unsafe {
        let mut info: libc::Dl_info = std::mem::zeroed();
        if libc::dladdr(pc as *const libc::c_void, &mut info) == 0 {
            return None;
        }
        let bytes = |p: *const libc::c_char| (!p.is_null()).then(|| std::ffi::CStr::from_ptr(p).to_bytes());
        let name = bytes(info.dli_sname);
        let base = if name.is_some() { info.dli_saddr } else { info.dli_fbase };
        Some(Symbol { name, offset: pc - base as usize, file: bytes(info.dli_fname).unwrap_or(b"") })
    }
}

/// Reserves `size` bytes of system stack with an inaccessible guard page below;
/// returns `(lo, hi)` or `None`.
pub fn map_system_stack(size: usize) -> Option<(usize, usize)> {
    let base = mmap_anon(size + 4096);
    if base.is_null() {
        return None;
    }
    // SAFETY: the first page of the fresh mapping is ours and unused.
    unsafe { mprotect_none(base, 4096) };
    Some((base as usize + 4096, base as usize + 4096 + size))
}

/// The calling thread's alternate signal stack `(lo, hi)`, if it has one.
pub fn signal_stack() -> Option<(usize, usize)> {
    // SAFETY: a null new stack only queries; `old` is a valid out-pointer.
    unsafe {
        let mut old: libc::stack_t = std::mem::zeroed();
        if libc::sigaltstack(std::ptr::null(), &mut old) != 0 || old.ss_flags & libc::SS_DISABLE != 0 {
            return None;
        }
        Some((old.ss_sp as usize, old.ss_sp as usize + old.ss_size))
    }
}

/// `malloc(n)` of the C library (memory C code may `free`); fatal when it fails.
pub fn c_malloc(n: usize) -> *mut u8 {
    // SAFETY: plain allocation.
    let p = unsafe { libc::malloc(n.max(1)) } as *mut u8;
    if p.is_null() {
        crate::panic::throw("runtime: out of memory (malloc)");
    }
    p
}

/// `{SIGINT}` as a signal set.
fn sigint_set() -> libc::sigset_t {
    // SAFETY: sigemptyset initialises the zeroed set; SIGINT is a valid signal.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        set
    }
}

/// Blocks `SIGINT` in the calling thread and so in every thread it (or they) start
/// later: a Ctrl-C then stays pending for [`wait_sigint`] instead of running a handler
/// on whatever stack a thread happens to be on.
pub fn block_sigint() {
    let set = sigint_set();
    // SAFETY: a valid set; only this thread's mask changes.
    unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) };
}

/// Waits until a `SIGINT` is pending (blocked everywhere by [`block_sigint`]) and takes it.
pub fn wait_sigint() {
    let set = sigint_set();
    let mut sig = 0;
    // SAFETY: a valid set and out-pointer; sigwait only stores the signal number.
    while unsafe { libc::sigwait(&set, &mut sig) } != 0 {}
}
