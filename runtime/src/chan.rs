//! Channels and `select` (Go's `runtime/chan.go` and `select.go`).
//!
//! A channel is an [`Hchan`] on the heap: a ring buffer of `dataqsiz` elements (none
//! for an unbuffered channel), the queues of goroutines blocked sending and receiving
//! (one [`Sudog`] each), and a [`Lock`]. Compiled code passes element pointers that
//! point at aggregate-stack or heap memory, never into a goroutine stack (docs/abi.md),
//! so a blocked sender's value can be copied straight into a blocked receiver's
//! memory (Go's direct hand-off) whatever happens to either stack meanwhile.
//!
//! Each operation runs its locked part on the system stack (it may allocate a wait
//! record, ready another goroutine, start an M) and parks, if it must, from the
//! goroutine stack with the channel still locked: `gopark`'s commit function unlocks it
//! once the goroutine is marked waiting, so a waker cannot miss it.
//!
//! Invariants (under `Hchan::lock`):
//! * `recvq` non-empty ⇒ the buffer is empty; `sendq` non-empty ⇒ the buffer is full
//!   (for an unbuffered channel both mean a partner is waiting).
//! * A closed channel has an empty `sendq`; its `recvq` is emptied by `close`.
//! * A `Sudog` of a blocked `select` fires only if its goroutine's `select_done` moves
//!   from 0 to 1: exactly one case wins; losers are skipped by wakers and removed by
//!   the select itself when it wakes.

use std::sync::atomic::Ordering;

use crate::abi::G;
use crate::lock::Lock;
use crate::panic::panic_value;
use crate::sched::{gopark, goready, park_forever};
use crate::stack::systemstack;

/// A channel (`chan T` is a `*Hchan`). `qcount` and `dataqsiz` come first: `len` and
/// `cap` read them.
#[repr(C)]
pub struct Hchan {
    qcount: usize,
    dataqsiz: usize,
    buf: *mut u8,
    elemsize: usize,
    closed: bool,
    sendx: usize,
    recvx: usize,
    recvq: WaitQ,
    sendq: WaitQ,
    lock: Lock,
}

/// A FIFO of blocked goroutines' wait records.
struct WaitQ {
    first: *mut Sudog,
    last: *mut Sudog,
}

/// A goroutine waiting on a channel (Go's `sudog`); on the heap, owned by the waiting
/// goroutine, which frees it after it wakes.
pub struct Sudog {
    g: *mut G,
    next: *mut Sudog,
    prev: *mut Sudog,
    /// The value to send / where to receive (null: receive discarded).
    elem: *mut u8,
    c: *mut Hchan,
    /// Part of a `select`: `case_index` says which case, `is_send` its direction;
    /// `waitlink` chains the goroutine's other records (`GSched::waiting`).
    is_select: bool,
    is_send: bool,
    case_index: usize,
    waitlink: *mut Sudog,
    /// Set by the waker: the operation completed (false: the channel was closed).
    success: bool,
}

impl WaitQ {
    const EMPTY: WaitQ = WaitQ {
        first: std::ptr::null_mut(),
        last: std::ptr::null_mut(),
    };

    /// # Safety
    /// `s` is a live record in no queue; the channel is locked.
    unsafe fn enqueue(&mut self, s: *mut Sudog) {
        // SAFETY: caller's contract.
        unsafe {
            (*s).next = std::ptr::null_mut();
            (*s).prev = self.last;
            if self.last.is_null() {
                self.first = s;
            } else {
                (*self.last).next = s;
            }
            self.last = s;
        }
    }

    /// Removes `s` (which is in this queue).
    ///
    /// # Safety
    /// The channel is locked.
    unsafe fn remove(&mut self, s: *mut Sudog) {
        // SAFETY: caller's contract: `s` and its neighbours are live records.
        unsafe {
            let (prev, next) = ((*s).prev, (*s).next);
            if prev.is_null() {
                self.first = next;
            } else {
                (*prev).next = next;
            }
            if next.is_null() {
                self.last = prev;
            } else {
                (*next).prev = prev;
            }
            (*s).next = std::ptr::null_mut();
            (*s).prev = std::ptr::null_mut();
        }
    }

    /// Takes the first waiter that may still fire (skipping `select` records whose
    /// select already completed).
    ///
    /// # Safety
    /// The channel is locked.
    unsafe fn dequeue(&mut self) -> Option<*mut Sudog> {
        // SAFETY: caller's contract.
        unsafe {
            loop {
                let s = self.first;
                if s.is_null() {
                    return None;
                }
                self.remove(s);
                if (*s).is_select
                    && (*(*s).g)
                        .sched_state
                        .select_done
                        .compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire)
                        .is_err()
                {
                    continue;
                }
                return Some(s);
            }
        }
    }
}

fn new_sudog(g: *mut G, c: *mut Hchan, elem: *mut u8) -> *mut Sudog {
    Box::into_raw(Box::new(Sudog {
        g,
        next: std::ptr::null_mut(),
        prev: std::ptr::null_mut(),
        elem,
        c,
        is_select: false,
        is_send: false,
        case_index: 0,
        waitlink: std::ptr::null_mut(),
        success: false,
    }))
}

/// After the wake: the result of a single-channel operation's record, which is freed
/// (on the system stack: `free` may need more than the guard area).
///
/// # Safety
/// `s` is this goroutine's record, out of every queue.
unsafe fn take_result(s: *mut Sudog) -> bool {
    let s = s as usize;
    systemstack(move || {
        // SAFETY: caller's contract; nobody else refers to the record any more.
        let r = unsafe { Box::from_raw(s as *mut Sudog) };
        r.success
    })
}

/// Go's `plainError` panics of channel operations.
fn chan_panic(msg: &str) -> ! {
    panic_value(crate::errors::plain_error(msg.as_bytes()))
}

/// The commit of a goroutine parked on one channel: unlock it.
unsafe fn unlock_chan(c: usize) {
    // SAFETY: `c` is the locked channel the goroutine parked on.
    unsafe { (*(c as *mut Hchan)).lock.unlock() }
}

impl Hchan {
    /// Element `i` of the buffer.
    fn slot(&self, i: usize) -> *mut u8 {
        self.buf.wrapping_add(i * self.elemsize)
    }

    /// Copies an element (`src` null: the zero value) to `dst` (null: discarded).
    ///
    /// # Safety
    /// Non-null pointers address `elemsize` bytes.
    unsafe fn copy_elem(&self, dst: *mut u8, src: *const u8) {
        if dst.is_null() {
            return;
        }
        // SAFETY: caller's contract; distinct elements never overlap.
        unsafe {
            if src.is_null() {
                std::ptr::write_bytes(dst, 0, self.elemsize);
            } else {
                std::ptr::copy_nonoverlapping(src, dst, self.elemsize);
            }
        }
    }

    /// Hands the value at `ep` to waiting receiver `s` and readies it.
    ///
    /// # Safety
    /// Locked; `s` was just dequeued from `recvq`. Unlocks.
    unsafe fn send_to(&mut self, s: *mut Sudog, ep: *const u8) {
        // SAFETY: caller's contract.
        unsafe {
            self.copy_elem((*s).elem, ep);
            (*s).success = true;
            (*(*s).g).sched_state.param = s as usize;
            self.lock.unlock();
            goready((*s).g);
        }
    }

    /// Receives from waiting sender `s` into `ep` (through the buffer when there is
    /// one: the oldest element comes out, the sender's goes in) and readies it.
    ///
    /// # Safety
    /// Locked; `s` was just dequeued from `sendq`. Unlocks.
    unsafe fn recv_from(&mut self, s: *mut Sudog, ep: *mut u8) {
        // SAFETY: caller's contract.
        unsafe {
            if self.dataqsiz == 0 {
                self.copy_elem(ep, (*s).elem);
            } else {
                let slot = self.slot(self.recvx);
                self.copy_elem(ep, slot);
                self.copy_elem(slot, (*s).elem);
                self.recvx = (self.recvx + 1) % self.dataqsiz;
                self.sendx = self.recvx;
            }
            (*s).success = true;
            (*(*s).g).sched_state.param = s as usize;
            self.lock.unlock();
            goready((*s).g);
        }
    }

    /// A send that completes without blocking, if one can. Locked on entry; `Some`
    /// (unlocked) when done, `None` (still locked) when the sender must wait.
    /// `Some(false)`: the channel is closed (the caller panics).
    ///
    /// # Safety
    /// Locked; `ep` addresses an element.
    unsafe fn try_send(&mut self, ep: *const u8) -> Option<bool> {
        // SAFETY: caller's contract.
        unsafe {
            if self.closed {
                self.lock.unlock();
                return Some(false);
            }
            if let Some(s) = self.recvq.dequeue() {
                self.send_to(s, ep);
                return Some(true);
            }
            if self.qcount < self.dataqsiz {
                self.copy_elem(self.slot(self.sendx), ep);
                self.sendx = (self.sendx + 1) % self.dataqsiz;
                self.qcount += 1;
                self.lock.unlock();
                return Some(true);
            }
            None
        }
    }

    /// A receive that completes without blocking, if one can: `Some(received)`
    /// (unlocked; false = closed and drained, zero value stored) or `None` (locked).
    ///
    /// # Safety
    /// Locked; `ep` is null or addresses an element.
    unsafe fn try_recv(&mut self, ep: *mut u8) -> Option<bool> {
        // SAFETY: caller's contract.
        unsafe {
            if let Some(s) = self.sendq.dequeue() {
                self.recv_from(s, ep);
                return Some(true);
            }
            if self.qcount > 0 {
                let slot = self.slot(self.recvx);
                self.copy_elem(ep, slot);
                self.copy_elem(slot, std::ptr::null());
                self.recvx = (self.recvx + 1) % self.dataqsiz;
                self.qcount -= 1;
                self.lock.unlock();
                return Some(true);
            }
            if self.closed {
                self.copy_elem(ep, std::ptr::null());
                self.lock.unlock();
                return Some(false);
            }
            None
        }
    }
}

/// `make(chan T, size)` for elements of `elemsize` bytes.
///
/// # Safety
/// `g` is the calling goroutine.
#[export_name = "runtime.makechan"]
pub unsafe extern "C" fn makechan(_g: *mut G, elemsize: i64, size: i64) -> *mut Hchan {
    let bytes = (size as u64).checked_mul(elemsize as u64);
    if size < 0 || bytes.is_none_or(|b| b > crate::alloc::MAX_ALLOC) {
        chan_panic("makechan: size out of range");
    }
    let buf = crate::alloc::mallocgc(bytes.unwrap_or(0));
    let c = crate::alloc::mallocgc(std::mem::size_of::<Hchan>() as u64) as *mut Hchan;
    // SAFETY: a fresh block of Hchan's size and (16-byte) alignment.
    unsafe {
        c.write(Hchan {
            qcount: 0,
            dataqsiz: size as usize,
            buf,
            elemsize: elemsize as usize,
            closed: false,
            sendx: 0,
            recvx: 0,
            recvq: WaitQ::EMPTY,
            sendq: WaitQ::EMPTY,
            lock: Lock::new(),
        })
    };
    c
}

/// What the locked part of an operation decided.
enum Step {
    /// Completed; for a receive, whether a value was received.
    Done(bool),
    /// Must wait: park on this record (the channel stays locked).
    Park(*mut Sudog),
}

/// One send (`send`: `c <- *ep`) or receive (`*ep = <-c`, `ep` null: discarded) on
/// channel `c`, blocking until it completes. Returns whether it succeeded: false for a
/// send on a channel that is (or became, while blocked) closed, and for a receive from
/// a closed, drained channel (the zero value is stored).
///
/// # Safety
/// `g` is the calling goroutine; `ep` is null (receive only) or addresses an element,
/// not on a goroutine stack.
unsafe fn chan_op(g: *mut G, c: *mut Hchan, ep: *mut u8, send: bool) -> bool {
    if c.is_null() {
        // SAFETY: `g` is running; it keeps nothing across the park.
        unsafe { park_forever(g, if send { "chan send (nil chan)" } else { "chan receive (nil chan)" }) };
    }
    let (gs, cs, es) = (g as usize, c as usize, ep as usize);
    let step = systemstack(move || {
        let c = cs as *mut Hchan;
        // SAFETY: a live channel; the lock is taken here and released by the try or
        // by the park's commit.
        unsafe {
            (*c).lock.lock();
            let done = if send { (*c).try_send(es as *const u8) } else { (*c).try_recv(es as *mut u8) };
            match done {
                Some(ok) => Step::Done(ok),
                None => {
                    let s = new_sudog(gs as *mut G, c, es as *mut u8);
                    if send {
                        (*c).sendq.enqueue(s);
                    } else {
                        (*c).recvq.enqueue(s);
                    }
                    Step::Park(s)
                }
            }
        }
    });
    match step {
        Step::Done(ok) => ok,
        // SAFETY: `s` is this goroutine's record, enqueued with the channel locked;
        // after the wake nobody else refers to it.
        Step::Park(s) => unsafe {
            gopark(g, if send { "chan send" } else { "chan receive" }, unlock_chan, cs);
            take_result(s)
        },
    }
}

/// `c <- *ep`.
///
/// # Safety
/// `g` is the calling goroutine; `ep` addresses an element (not on a goroutine stack).
#[export_name = "runtime.chansend1"]
pub unsafe extern "C" fn chansend1(g: *mut G, c: *mut Hchan, ep: *const u8) {
    // SAFETY: forwarded.
    if !unsafe { chan_op(g, c, ep as *mut u8, true) } {
        chan_panic("send on closed channel");
    }
}

/// `v := <-c` (the value goes to `ep`; null: discarded).
///
/// # Safety
/// As for [`chan_op`].
#[export_name = "runtime.chanrecv1"]
pub unsafe extern "C" fn chanrecv1(g: *mut G, c: *mut Hchan, ep: *mut u8) {
    // SAFETY: forwarded.
    unsafe { chan_op(g, c, ep, false) };
}

/// `v, ok := <-c`.
///
/// # Safety
/// As for [`chan_op`].
#[export_name = "runtime.chanrecv2"]
pub unsafe extern "C" fn chanrecv2(g: *mut G, c: *mut Hchan, ep: *mut u8) -> bool {
    // SAFETY: forwarded.
    unsafe { chan_op(g, c, ep, false) }
}

/// `close(c)`: wakes every waiting receiver (with the zero value) and sender (which
/// then panics).
///
/// # Safety
/// `g` is the calling goroutine.
#[export_name = "runtime.closechan"]
pub unsafe extern "C" fn closechan(_g: *mut G, c: *mut Hchan) {
    if c.is_null() {
        chan_panic("close of nil channel");
    }
    let cs = c as usize;
    let closed_twice = systemstack(move || {
        let c = cs as *mut Hchan;
        // SAFETY: a live channel, locked for the state change; the readied goroutines
        // own their records again once readied.
        unsafe {
            (*c).lock.lock();
            if (*c).closed {
                (*c).lock.unlock();
                return true;
            }
            (*c).closed = true;
            let mut woken = Vec::new();
            while let Some(s) = (*c).recvq.dequeue() {
                (*c).copy_elem((*s).elem, std::ptr::null());
                woken.push(s);
            }
            while let Some(s) = (*c).sendq.dequeue() {
                woken.push(s);
            }
            for &s in &woken {
                (*s).success = false;
                (*(*s).g).sched_state.param = s as usize;
            }
            (*c).lock.unlock();
            for s in woken {
                goready((*s).g);
            }
            false
        }
    });
    if closed_twice {
        chan_panic("close of closed channel");
    }
}

/// `len(c)`.
///
/// # Safety
/// `c` is null or a live channel.
#[export_name = "runtime.chanlen"]
pub unsafe extern "C" fn chanlen(c: *mut Hchan) -> i64 {
    // SAFETY: caller's contract; a racy read, as in Go.
    unsafe { c.as_ref().map_or(0, |c| std::ptr::read_volatile(&c.qcount) as i64) }
}

/// `cap(c)`.
///
/// # Safety
/// `c` is null or a live channel.
#[export_name = "runtime.chancap"]
pub unsafe extern "C" fn chancap(c: *mut Hchan) -> i64 {
    // SAFETY: caller's contract.
    unsafe { c.as_ref().map_or(0, |c| c.dataqsiz as i64) }
}

// ---------------------------------------------------------------------------------
// select
// ---------------------------------------------------------------------------------

/// One case of a `select`, as compiled code lays them out (docs/abi.md).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct Scase {
    c: *mut Hchan,
    elem: *mut u8,
    dir: i64,
}

const CASE_SEND: i64 = 1;

/// `(chosen case, received)` in RAX:RDX.
#[repr(C)]
pub struct Selected {
    chosen: i64,
    recv_ok: i64,
}

/// Locks the distinct channels of `order` (sorted by address) in that order.
///
/// # Safety
/// Live channels.
unsafe fn sellock(order: &[*mut Hchan]) {
    let mut last = std::ptr::null_mut();
    for &c in order {
        if c != last {
            // SAFETY: caller's contract.
            unsafe { (*c).lock.lock() };
            last = c;
        }
    }
}

/// Unlocks what [`sellock`] locked, except channel `keep` (already unlocked by the
/// operation that completed on it).
///
/// # Safety
/// The channels are locked by this goroutine.
unsafe fn selunlock(order: &[*mut Hchan], keep: *mut Hchan) {
    let mut last = std::ptr::null_mut();
    for &c in order {
        if c != last {
            if c != keep {
                // SAFETY: caller's contract.
                unsafe { (*c).lock.unlock() };
            }
            last = c;
        }
    }
}

/// The park commit of a `select`: unlocks every channel its records wait on (they are
/// chained in lock order, so equal channels are adjacent). Each channel is unlocked
/// only once the walk has moved past its records, and the last one after the walk:
/// as soon as one channel is unlocked the select may fire and the goroutine run, but
/// it cannot free its records before it locks every channel again, including the one
/// still held here (Go's `selparkcommit`).
unsafe fn selparkcommit(g: usize) {
    // SAFETY: `g` is the parked goroutine; its records stay live while this holds one
    // of their channels' locks (see above).
    unsafe {
        let mut s = (*(g as *mut G)).sched_state.waiting;
        let mut last: *mut Hchan = std::ptr::null_mut();
        while let Some(r) = s.as_ref() {
            if r.c != last && !last.is_null() {
                (*last).lock.unlock();
            }
            last = r.c;
            s = r.waitlink;
        }
        if !last.is_null() {
            (*last).lock.unlock();
        }
    }
}

/// What the first, locked pass of a select decided.
enum SelStep {
    Done(Selected),
    /// A send case found its channel closed.
    Closed,
    /// No case is ready and the select blocks: parked on these records.
    Park,
    /// `select {}`.
    NoCase,
    /// Every case's channel is nil: blocks forever, as a `select`.
    OnlyNil,
}

/// `select`: runs one ready case (chosen uniformly among the ready ones, as Go does),
/// or returns -1 when none is and `block` is false, or blocks until one is. A send
/// case on a closed channel panics; a receive from a closed one succeeds with
/// `recv_ok` = 0.
///
/// # Safety
/// `g` is the calling goroutine; `cases` points at `ncases` cases whose element
/// pointers are null (discarded receive) or address an element.
#[export_name = "runtime.selectgo"]
pub unsafe extern "C" fn selectgo(g: *mut G, cases: *const Scase, ncases: i64, block: bool) -> Selected {
    let (gs, cs) = (g as usize, cases as usize);
    let n = ncases.max(0) as usize;
    let step = systemstack(move || {
        // SAFETY: caller's contract; all of this runs on g0.
        unsafe { select_locked_pass(gs as *mut G, cs as *const Scase, n, block) }
    });
    match step {
        SelStep::Done(r) => r,
        SelStep::Closed => chan_panic("send on closed channel"),
        // SAFETY: `g` runs; it keeps no stack address across the park.
        SelStep::NoCase => unsafe { park_forever(g, "select (no cases)") },
        // SAFETY: as above.
        SelStep::OnlyNil => unsafe { park_forever(g, "select") },
        SelStep::Park => {
            // SAFETY: as above; the commit unlocks the channels.
            unsafe { gopark(g, "select", selparkcommit, gs) };
            let r = systemstack(move || {
                // SAFETY: woken: the records are ours again.
                unsafe { select_wake(gs as *mut G) }
            });
            match r {
                Ok(sel) => sel,
                Err(_) => chan_panic("send on closed channel"),
            }
        }
    }
}

/// The first pass of [`selectgo`], on g0: lock every channel, run a ready case, else
/// (when blocking) enqueue a record on every channel and leave them locked for the
/// park's commit.
///
/// # Safety
/// As for `selectgo`.
unsafe fn select_locked_pass(g: *mut G, cases: *const Scase, n: usize, block: bool) -> SelStep {
    // SAFETY: caller's contract (`select {}` passes no array: null with n = 0).
    let cases = if n == 0 { &[][..] } else { unsafe { std::slice::from_raw_parts(cases, n) } };
    if n == 0 && block {
        return SelStep::NoCase;
    }
    let mut poll: Vec<usize> = (0..n).filter(|&i| !cases[i].c.is_null()).collect();
    if poll.is_empty() && block {
        return SelStep::OnlyNil;
    }
    for i in (1..poll.len()).rev() {
        poll.swap(i, crate::sched::fastrand() as usize % (i + 1));
    }
    let mut order: Vec<*mut Hchan> = poll.iter().map(|&i| cases[i].c).collect();
    order.sort();
    // SAFETY: live channels; locked here, unlocked below or by the park's commit.
    unsafe {
        sellock(&order);
        for &i in &poll {
            let sc = cases[i];
            let c = &mut *sc.c;
            let done = if sc.dir == CASE_SEND { c.try_send(sc.elem) } else { c.try_recv(sc.elem) };
            if let Some(ok) = done {
                selunlock(&order, sc.c);
                if sc.dir == CASE_SEND && !ok {
                    return SelStep::Closed;
                }
                return SelStep::Done(Selected {
                    chosen: i as i64,
                    recv_ok: ok as i64,
                });
            }
        }
        if !block {
            selunlock(&order, std::ptr::null_mut());
            return SelStep::Done(Selected { chosen: -1, recv_ok: 0 });
        }
        // Enqueue in lock order (selparkcommit relies on it).
        let mut by_lock: Vec<usize> = poll.clone();
        by_lock.sort_by_key(|&i| cases[i].c);
        let st = &mut (*g).sched_state;
        st.select_done.store(0, Ordering::Release);
        st.param = 0;
        let mut head: *mut Sudog = std::ptr::null_mut();
        for &i in by_lock.iter().rev() {
            let s = new_sudog(g, cases[i].c, cases[i].elem);
            (*s).is_select = true;
            (*s).is_send = cases[i].dir == CASE_SEND;
            (*s).case_index = i;
            (*s).waitlink = head;
            head = s;
        }
        st.waiting = head;
        let mut s = head;
        while let Some(r) = s.as_mut() {
            if r.is_send {
                (*r.c).sendq.enqueue(r);
            } else {
                (*r.c).recvq.enqueue(r);
            }
            s = r.waitlink;
        }
        SelStep::Park
    }
}

/// After a blocked select was woken: removes its other records from their queues and
/// frees them all; `Err` when the case that fired was a send on a channel that closed.
///
/// # Safety
/// `g` is the woken goroutine (running; on g0 in its systemstack call).
unsafe fn select_wake(g: *mut G) -> Result<Selected, ()> {
    // SAFETY: caller's contract; the records are live until freed here.
    unsafe {
        let st = &mut (*g).sched_state;
        let fired = st.param as *mut Sudog;
        st.param = 0;
        let head = std::mem::replace(&mut st.waiting, std::ptr::null_mut());
        let mut order = Vec::new();
        let mut s = head;
        while let Some(r) = s.as_ref() {
            order.push(r.c);
            s = r.waitlink;
        }
        sellock(&order);
        let mut fired_case = None;
        let mut s = head;
        while !s.is_null() {
            let next = (*s).waitlink;
            if s == fired {
                fired_case = Some(((*s).success, (*s).case_index, (*s).is_send));
            } else {
                // Never fired: take it out of its queue, unless a waker already
                // dequeued (and skipped) it.
                let c = &mut *(*s).c;
                let q = if (*s).is_send { &mut c.sendq } else { &mut c.recvq };
                if !(*s).prev.is_null() || q.first == s {
                    q.remove(s);
                }
            }
            drop(Box::from_raw(s));
            s = next;
        }
        selunlock(&order, std::ptr::null_mut());
        let Some((ok, i, is_send)) = fired_case else {
            crate::panic::throw("select: woken without a case")
        };
        if is_send && !ok {
            return Err(());
        }
        Ok(Selected {
            chosen: i as i64,
            recv_ok: ok as i64,
        })
    }
}
