//! Where a function's code starts: so that its innermost loop spans no more 64-byte
//! lines than its length needs.
//!
//! x86-64 cores fetch and cache decoded instructions in 64-byte lines; a loop that
//! straddles one line more than it must runs slower. bench/sieve.go's 36-byte inner loop
//! takes 29–31 ms of CPU when it sits within one line and 35–38 ms when it crosses into
//! a second (the same code moved 8 bytes at a time through a 64-byte line). Go's
//! assembler pads loop headers with NOPs; Cranelift 0.135's x86-64 backend does not
//! align blocks at all, and moving a block inside compiled code would mean rewriting
//! its branches and every table of offsets. So the whole function moves instead: it
//! starts on a 64-byte boundary, after as many NOP bytes at its entry
//! ([`stackcheck::EntryPadding`]) as put the loop where it should be. The NOPs run once
//! per call, never in the loop.
//!
//! Invariant: the padding only moves code. Every offset recorded about a function
//! (lines, landing pads, the stub) is taken after it, from
//! [`stackcheck::CheckedFunction::entry_padding`]; where the padding goes is a matter of
//! speed alone.
//!
//! Loops are read off the machine code: a branch to an offset at or before its own is a
//! back edge, and the loop is the bytes from its target to the branch's end. The code
//! is decoded (iced-x86) from offset 0 to the end of its last block, which Cranelift
//! records with `machine_code_cfg_info` (set in [`crate::build_isa`]): blocks are
//! contiguous instructions, and the constant pool comes after them (codegen emits no
//! jump tables, the only data Cranelift would put between blocks). Cranelift's own
//! `bb_edges` cannot be used: 0.135 attributes edges to the wrong blocks once cold
//! blocks have moved to the end. Only one loop can be placed per function: the most
//! deeply nested one, the shortest among those (the likeliest hot kernel).

use cranelift_codegen::CompiledCode;
use iced_x86::{Decoder, DecoderOptions, Mnemonic, OpKind};
use stackcheck::EntryPadding;

/// The line size loops are kept within.
const LINE: u32 = 64;

/// The padding that places `code`'s chosen loop: none for a function without loops.
pub(crate) fn entry_padding(code: &CompiledCode) -> EntryPadding {
    let last_block = code.bb_starts.iter().copied().max().unwrap_or(0);
    match innermost_loop(&back_edges(code.buffer.data(), last_block)) {
        Some((start, len)) => EntryPadding { bytes: padding_for(start, len), align: LINE },
        None => EntryPadding::default(),
    }
}

/// The loops of x86-64 `code` whose last block starts at `last_block`, as (start, end)
/// offsets. Decoding stops after the last block's first unconditional transfer, and at
/// anything it cannot decode (then the loops found so far are all there are).
fn back_edges(code: &[u8], last_block: u32) -> Vec<(u32, u32)> {
    let mut loops = Vec::new();
    let mut decoder = Decoder::with_ip(64, code, 0, DecoderOptions::NONE);
    while decoder.can_decode() {
        let inst = decoder.decode();
        if inst.is_invalid() {
            break;
        }
        let (ip, next) = (inst.ip() as u32, inst.next_ip() as u32);
        // A near jmp or jcc (a call's target is another function).
        if inst.op0_kind() == OpKind::NearBranch64 && inst.mnemonic() != Mnemonic::Call {
            let target = inst.near_branch_target() as u32;
            if target <= ip {
                loops.push((target, next));
            }
        }
        let transfers = matches!(inst.mnemonic(), Mnemonic::Jmp | Mnemonic::Ret | Mnemonic::Ud2);
        if ip >= last_block && transfers {
            break;
        }
    }
    loops
}

/// The loop to place among `loops` (start, end), as (start, length): the most deeply
/// nested, then the shortest, then the first.
fn innermost_loop(loops: &[(u32, u32)]) -> Option<(u32, u32)> {
    let depth = |&(s, e): &(u32, u32)| loops.iter().filter(|&&(os, oe)| os <= s && e <= oe).count();
    loops.iter().max_by_key(|l| (depth(l), std::cmp::Reverse(l.1 - l.0), std::cmp::Reverse(l.0))).map(|&(s, e)| (s, e - s))
}

/// The fewest NOP bytes that put a `len`-byte loop starting at `start` (in a function
/// that starts on a line boundary) across no more lines than `len` needs.
fn padding_for(start: u32, len: u32) -> u32 {
    let slack = len.div_ceil(LINE).max(1) * LINE - len;
    let at = start % LINE;
    if at <= slack {
        0
    } else {
        LINE - at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines a `len`-byte loop at `at` touches.
    fn lines(at: u32, len: u32) -> u32 {
        (at + len - 1) / LINE - at / LINE + 1
    }

    #[test]
    fn padding_puts_the_loop_on_the_fewest_lines_with_the_fewest_bytes() {
        for len in 1..=200 {
            for start in 0..256 {
                let pad = padding_for(start, len);
                assert!(pad < LINE);
                let best = len.div_ceil(LINE);
                assert_eq!(lines(start + pad, len), best, "start {start} len {len} pad {pad}");
                // No smaller padding does it.
                assert!((0..pad).all(|p| lines(start + p, len) > best), "start {start} len {len}: {pad} is not the least");
            }
        }
    }

    #[test]
    fn sieve_inner_loop() {
        // bench/sieve.go's main.main: the inner loop at 0xad..0xd1 (36 bytes) crosses
        // the line at 0xc0; 19 bytes move it to 0xc0..0xe4.
        assert_eq!(padding_for(0xad, 36), 19);
        assert_eq!(padding_for(0x80, 36), 0);
    }

    #[test]
    fn the_innermost_loop_is_chosen() {
        // An outer loop 0x10..0x50 around an inner one 0x20..0x40; a duplicate back edge.
        let loops = [(0x20, 0x40), (0x10, 0x50), (0x20, 0x40)];
        assert_eq!(innermost_loop(&loops), Some((0x20, 0x20)));
        // Two loops at the same depth: the shorter wins.
        assert_eq!(innermost_loop(&[(0x10, 0x40), (0x40, 0x48)]), Some((0x40, 8)));
        assert_eq!(innermost_loop(&[]), None);
    }

    #[test]
    fn back_edges_are_read_from_the_code() {
        // 0: mov eax, 0; 5: add eax, 1 (loop head); 8: cmp eax, 10; b: jl 5 (rel8);
        // d: jmp 0x5 (rel32, a second back edge); 12: ret; 13: data that decodes as
        // a backward jmp (eb f0) after the last block's ret: ignored.
        let code = [0xb8, 0, 0, 0, 0, 0x83, 0xc0, 0x01, 0x83, 0xf8, 0x0a, 0x7c, 0xf8, 0xe9, 0xf3, 0xff, 0xff, 0xff, 0xc3, 0xeb, 0xf0];
        assert_eq!(back_edges(&code, 0x12), [(5, 0xd), (5, 0x12)]);
        // The data is decoded when the last block is said to start after it.
        assert_eq!(back_edges(&code, 0x13).len(), 3);
    }
}
