//! Where a function's code starts: so that its innermost loop touches as few 64-byte
//! lines as it can.
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
//! Invariants: the padding only moves code. Every offset recorded about a function
//! (lines, landing pads, the stub) is taken after it, from
//! [`stackcheck::CheckedFunction::entry_padding`]. The padding is a multiple of the
//! code's own alignment (`MachBufferFinalized::alignment`, raised by the constant pool),
//! so constants stay aligned (stackcheck refuses any other). Beyond that, where the
//! padding goes is a matter of speed alone.
//!
//! Loops are read off the machine code, decoded with iced-x86 from offset 0 to the end
//! of the last block, which Cranelift records with `machine_code_cfg_info` (set in
//! [`crate::build_isa`]): blocks are contiguous instructions and the constant pool
//! comes after them (codegen emits no jump tables, the only data Cranelift would put
//! between blocks). Cranelift's own `bb_edges` cannot be used: 0.135 attributes edges
//! to the wrong blocks once cold blocks have moved to the end. From the decoded
//! branches comes a control-flow graph; an edge to a block that dominates its source
//! is a back edge, whose natural loop is the header and every block that reaches the
//! edge's source without passing the header; back edges to one header make one loop (a
//! `continue` is not a loop of its own, and a slow path that rejoins the code it left
//! is none). What has to sit well is the loop's footprint: the run of its blocks laid
//! out from the header on, and the run laid out up to each back edge (Cranelift may
//! put the code after the loop between the header and the body); slow paths moved to
//! the end stay out. The padding is the one with which the footprint touches the
//! fewest lines. Only one loop can be placed per function: the most deeply nested one,
//! the one with the smallest footprint among those (the likeliest hot kernel). All of
//! this is linear or n·log n in the code's size, but for the dominator iteration and
//! the nesting of loops: only edges that go up in reverse postorder walk the dominator
//! tree, so a function of 20,000 `if` statements is not quadratic.

use cranelift_codegen::CompiledCode;
use iced_x86::{Decoder, DecoderOptions, Mnemonic, OpKind};
use stackcheck::EntryPadding;

/// The line size loops are kept within.
const LINE: u32 = 64;

/// The padding that places `code`'s chosen loop: none for a function without loops
/// (or without the block offsets to find them).
pub(crate) fn entry_padding(code: &CompiledCode) -> EntryPadding {
    let Some(&last_block) = code.bb_starts.iter().max() else { return EntryPadding::default() };
    let mut relocated: Vec<u32> = code.buffer.relocs().iter().map(|r| r.offset).collect();
    relocated.sort_unstable();
    let Some(blocks) = Blocks::decode(code.buffer.data(), last_block, &relocated) else { return EntryPadding::default() };
    match blocks.innermost_loop() {
        Some(footprint) => EntryPadding { bytes: padding_for(&footprint, code.buffer.alignment.max(1)), align: LINE },
        None => EntryPadding::default(),
    }
}

/// How an instruction passes control on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flow {
    /// To the next instruction (calls included: a call returns, or ends in a trap).
    Next,
    /// `jmp` to an offset.
    Jump(u32),
    /// `jcc` to an offset, or on to the next instruction.
    Branch(u32),
    /// Nowhere in the function: `ret`, `ud2`, an indirect `jmp`, a tail call (a `jmp`
    /// whose target a relocation fills in).
    Stop,
}

/// The basic blocks of decoded code, in layout order.
struct Blocks {
    /// Start and end offset of each block.
    spans: Vec<(u32, u32)>,
    /// Successor block indices of each block.
    succs: Vec<Vec<usize>>,
}

impl Blocks {
    /// Decodes x86-64 `code` whose last block starts at `last_block`; `relocated` are
    /// the sorted offsets relocations write. Decoding stops at an unconditional
    /// transfer at or after both `last_block` and every branch target seen; `None` if
    /// there is no code, an instruction cannot be decoded or a branch lands inside one.
    fn decode(code: &[u8], last_block: u32, relocated: &[u32]) -> Option<Blocks> {
        let mut insts: Vec<(u32, u32, Flow)> = Vec::new();
        let mut frontier = last_block;
        let mut decoder = Decoder::with_ip(64, code, 0, DecoderOptions::NONE);
        while decoder.can_decode() {
            let inst = decoder.decode();
            if inst.is_invalid() {
                return None;
            }
            let (ip, next) = (inst.ip() as u32, inst.next_ip() as u32);
            // A near jmp or jcc (a call's target is another function).
            let direct = inst.op0_kind() == OpKind::NearBranch64 && inst.mnemonic() != Mnemonic::Call;
            let tail_call = relocated.binary_search(&(ip + 1)).is_ok();
            let flow = match inst.mnemonic() {
                Mnemonic::Jmp if direct && !tail_call => Flow::Jump(inst.near_branch_target() as u32),
                Mnemonic::Jmp | Mnemonic::Ret | Mnemonic::Ud2 => Flow::Stop,
                _ if direct => Flow::Branch(inst.near_branch_target() as u32),
                _ => Flow::Next,
            };
            if let Flow::Jump(t) | Flow::Branch(t) = flow {
                frontier = frontier.max(t);
            }
            insts.push((ip, next, flow));
            if ip >= frontier && matches!(flow, Flow::Jump(_) | Flow::Stop) {
                break;
            }
        }

        if insts.is_empty() {
            return None;
        }
        // A block starts at offset 0, at every branch target and after every transfer.
        let mut leaders: Vec<u32> = vec![0];
        for &(_, next, flow) in &insts {
            if let Flow::Jump(t) | Flow::Branch(t) = flow {
                leaders.push(t);
            }
            if flow != Flow::Next {
                leaders.push(next);
            }
        }
        let end = insts.last().map_or(0, |&(_, next, _)| next);
        leaders.retain(|&l| l < end);
        leaders.sort_unstable();
        leaders.dedup();
        if leaders.iter().any(|l| insts.binary_search_by_key(l, |&(ip, _, _)| ip).is_err()) {
            return None;
        }
        let spans: Vec<(u32, u32)> = leaders.iter().enumerate().map(|(i, &s)| (s, leaders.get(i + 1).copied().unwrap_or(end))).collect();
        let index = |offset: u32| leaders.binary_search(&offset).ok();
        let succs = spans
            .iter()
            .enumerate()
            .map(|(i, &(_, e))| {
                let last = insts[insts.partition_point(|&(ip, _, _)| ip < e) - 1].2;
                let fall = (i + 1 < spans.len()).then_some(i + 1);
                match last {
                    Flow::Next => fall.into_iter().collect(),
                    Flow::Jump(t) => index(t).into_iter().collect(),
                    Flow::Branch(t) => index(t).into_iter().chain(fall).collect(),
                    Flow::Stop => Vec::new(),
                }
            })
            .collect();
        Some(Blocks { spans, succs })
    }

    /// The loop to place: the most deeply nested, then the one with the smallest
    /// footprint, then the first; as its footprint, the (start, end) offset ranges it
    /// runs through, sorted. The footprint is the run of the loop's blocks laid out
    /// from its header on, and the run laid out up to each back edge's source: where
    /// Cranelift put the loop's exit between header and body, both show, and slow paths
    /// moved to the end stay out unless they jump back to the header.
    fn innermost_loop(&self) -> Option<Vec<(u32, u32)>> {
        let n = self.spans.len();
        let mut preds = vec![Vec::new(); n];
        for (b, succs) in self.succs.iter().enumerate() {
            for &s in succs {
                preds[s].push(b);
            }
        }
        let (idom, rank) = self.dominators(&preds);
        let reachable = |b: usize| rank[b] != usize::MAX;
        // A dominator comes first in reverse postorder: only edges that go up in it
        // can be back edges, and only those walk the dominator tree.
        let dominates = |h: usize, mut b: usize| {
            if rank[h] > rank[b] {
                return false;
            }
            loop {
                if b == h {
                    return true;
                }
                match idom[b] {
                    Some(up) if up != b => b = up,
                    _ => return false,
                }
            }
        };
        // Natural loops, one per header: (header, back-edge sources).
        let mut loop_of = vec![usize::MAX; n];
        let mut loops: Vec<(usize, Vec<usize>)> = Vec::new();
        for latch in (0..n).filter(|&b| reachable(b)) {
            for &header in self.succs[latch].iter().filter(|&&h| dominates(h, latch)) {
                if loop_of[header] == usize::MAX {
                    loop_of[header] = loops.len();
                    loops.push((header, Vec::new()));
                }
                loops[loop_of[header]].1.push(latch);
            }
        }
        // Bodies: the header and what reaches a latch without passing it. `mark[b] ==
        // l + 1` while loop `l` is being walked; `depth[b]` counts the loops holding b.
        let mut mark = vec![0usize; n];
        let mut depth = vec![0usize; n];
        let mut bodies: Vec<Vec<usize>> = Vec::with_capacity(loops.len());
        for (l, (header, latches)) in loops.iter().enumerate() {
            let mut body = vec![*header];
            mark[*header] = l + 1;
            let mut work = latches.clone();
            while let Some(b) = work.pop() {
                if mark[b] != l + 1 && reachable(b) {
                    mark[b] = l + 1;
                    body.push(b);
                    work.extend(&preds[b]);
                }
            }
            for &b in &body {
                depth[b] += 1;
            }
            bodies.push(body);
        }
        let mut member = vec![false; n];
        // (depth, smaller footprint, earlier header) and the footprint of the best so far.
        type Key = (usize, std::cmp::Reverse<u32>, std::cmp::Reverse<u32>);
        let mut best: Option<(Key, Vec<(u32, u32)>)> = None;
        for ((header, latches), body) in loops.iter().zip(&bodies) {
            for &b in body {
                member[b] = true;
            }
            let run_from = |first: usize| (first..n).take_while(|&b| member[b]).last().unwrap_or(first);
            let run_to = |last: usize| (0..=last).rev().take_while(|&b| member[b]).last().unwrap_or(last);
            let mut runs: Vec<(u32, u32)> = std::iter::once((*header, run_from(*header)))
                .chain(latches.iter().map(|&latch| (run_to(latch), latch)))
                .map(|(first, last)| (self.spans[first].0, self.spans[last].1))
                .collect();
            for &b in body {
                member[b] = false;
            }
            runs.sort_unstable();
            let mut footprint: Vec<(u32, u32)> = Vec::with_capacity(runs.len());
            for (s, e) in runs {
                match footprint.last_mut() {
                    Some(last) if s <= last.1 => last.1 = last.1.max(e),
                    _ => footprint.push((s, e)),
                }
            }
            let bytes: u32 = footprint.iter().map(|(s, e)| e - s).sum();
            let key = (depth[*header], std::cmp::Reverse(bytes), std::cmp::Reverse(self.spans[*header].0));
            if best.as_ref().is_none_or(|(k, _)| key > *k) {
                best = Some((key, footprint));
            }
        }
        best.map(|(_, footprint)| footprint)
    }

    /// Each block's immediate dominator (the entry, block 0, is its own; `None` for a
    /// block the entry does not reach) and its rank in reverse postorder (`usize::MAX`
    /// when unreached). Cooper, Harvey and Kennedy's iteration over reverse postorder.
    fn dominators(&self, preds: &[Vec<usize>]) -> (Vec<Option<usize>>, Vec<usize>) {
        let n = self.spans.len();
        // Reverse postorder from the entry, by an explicit-stack depth-first search.
        let mut order = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        let mut stack = vec![(0usize, 0usize)];
        seen[0] = true;
        while let Some(&mut (b, ref mut next)) = stack.last_mut() {
            if let Some(&s) = self.succs[b].get(*next) {
                *next += 1;
                if !seen[s] {
                    seen[s] = true;
                    stack.push((s, 0));
                }
            } else {
                order.push(b);
                stack.pop();
            }
        }
        order.reverse();
        let mut rank = vec![usize::MAX; n];
        for (i, &b) in order.iter().enumerate() {
            rank[b] = i;
        }
        let mut idom: Vec<Option<usize>> = vec![None; n];
        idom[0] = Some(0);
        let mut changed = true;
        while changed {
            changed = false;
            for &b in &order[1..] {
                let mut new: Option<usize> = None;
                for &p in preds[b].iter().filter(|&&p| idom[p].is_some()) {
                    new = Some(match new {
                        None => p,
                        Some(mut a) => {
                            // The nearest common dominator of `a` and `p`.
                            let mut c = p;
                            while a != c {
                                while rank[a] > rank[c] {
                                    a = idom[a].expect("processed");
                                }
                                while rank[c] > rank[a] {
                                    c = idom[c].expect("processed");
                                }
                            }
                            a
                        }
                    });
                }
                if new.is_some() && idom[b] != new {
                    idom[b] = new;
                    changed = true;
                }
            }
        }
        (idom, rank)
    }
}

/// The 64-byte lines of a line-aligned function that code at the (start, end) offset
/// ranges `footprint`, moved by `shift` bytes, touches.
fn lines(footprint: &[(u32, u32)], shift: u32) -> u32 {
    let mut touched: Vec<u32> = footprint.iter().filter(|(s, e)| s < e).flat_map(|&(s, e)| (s + shift) / LINE..=(e - 1 + shift) / LINE).collect();
    touched.sort_unstable();
    touched.dedup();
    touched.len() as u32
}

/// The padding, a multiple of `step` below [`LINE`], with which `footprint` (in a
/// function that starts on a line boundary) touches the fewest lines; the least such
/// padding.
fn padding_for(footprint: &[(u32, u32)], step: u32) -> u32 {
    (0..LINE).step_by(step as usize).min_by_key(|&p| (lines(footprint, p), p)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines a single `len`-byte range at `at` touches.
    fn span_lines(at: u32, len: u32) -> u32 {
        (at + len - 1) / LINE - at / LINE + 1
    }

    #[test]
    fn padding_puts_the_loop_on_the_fewest_lines_with_the_fewest_bytes() {
        for len in 1..=200 {
            for start in 0..256 {
                let pad = padding_for(&[(start, start + len)], 1);
                assert!(pad < LINE);
                let best = len.div_ceil(LINE);
                assert_eq!(span_lines(start + pad, len), best, "start {start} len {len} pad {pad}");
                assert_eq!(lines(&[(start, start + len)], pad), best);
                // No smaller padding does it.
                assert!((0..pad).all(|p| span_lines(start + p, len) > best), "start {start} len {len}: {pad} is not the least");
            }
        }
    }

    #[test]
    fn padding_keeps_the_code_alignment() {
        // bench/sieve.go's main.main: the inner loop at 0xad..0xd1 (36 bytes) crosses
        // the line at 0xc0; 19 bytes move it to 0xc0..0xe4.
        let sieve = [(0xad, 0xd1)];
        assert_eq!(padding_for(&sieve, 1), 19);
        assert_eq!(padding_for(&[(0x80, 0xa4)], 1), 0);
        // With 8- or 16-byte constants the step is theirs: 0xad + 24 = 0xc5..0xe9,
        // 0xad + 16 = 0xbd crosses again, so 16-byte steps take 32 (0xcd..0xf1).
        assert_eq!(padding_for(&sieve, 8), 24);
        assert_eq!(padding_for(&sieve, 16), 32);
        // A step of a whole line leaves only 0.
        assert_eq!(padding_for(&sieve, 64), 0);
    }

    #[test]
    fn a_footprint_of_two_ranges_is_placed_as_a_whole() {
        // A 10-byte header at 0x3a and a 30-byte body at 0xa0. 6 bytes would put the
        // header on one line but the body across 0xc0 (3 lines); 32 put each on one.
        let footprint = [(0x3a, 0x44), (0xa0, 0xbe)];
        assert_eq!((lines(&footprint, 0), lines(&footprint, 6)), (3, 3));
        assert_eq!(padding_for(&footprint, 1), 32);
        assert_eq!(lines(&footprint, 32), 2);
    }

    /// Encodes a little function: `ops` as (kind, target) with kind `n` (a 4-byte
    /// nop), `j` (jmp rel32), `c` (jl rel32), `r` (ret); targets are op indices.
    fn assemble(ops: &[(char, usize)]) -> (Vec<u8>, Vec<u32>) {
        let size = |k: char| match k {
            'n' => 4,
            'j' => 5,
            'c' => 6,
            _ => 1,
        };
        let offsets: Vec<u32> = ops.iter().scan(0, |at, &(k, _)| Some(std::mem::replace(at, *at + size(k)))).collect();
        let mut code = Vec::new();
        for (i, &(k, t)) in ops.iter().enumerate() {
            let end = offsets[i] + size(k);
            let rel = |t: usize| (offsets[t] as i64 - end as i64) as i32;
            match k {
                'n' => code.extend([0x0f, 0x1f, 0x40, 0x00]),
                'j' => code.extend([0xe9].into_iter().chain(rel(t).to_le_bytes())),
                'c' => code.extend([0x0f, 0x8c].into_iter().chain(rel(t).to_le_bytes())),
                _ => code.push(0xc3),
            }
        }
        (code, offsets)
    }

    fn innermost(ops: &[(char, usize)], last_op: usize) -> Option<Vec<(u32, u32)>> {
        let (code, at) = assemble(ops);
        Blocks::decode(&code, at[last_op], &[])?.innermost_loop()
    }

    #[test]
    fn the_innermost_loop_is_chosen_by_nesting_not_by_edge_count() {
        // for { n; if c { continue }; n; for { n; n; if c { continue inner } }; if c { continue } }
        // Outer header 0, inner header 5 (ops 5..8); three back edges to 0, two to 5.
        let ops = [
            ('n', 0), // 0: outer header
            ('c', 0), // 1: continue outer (a short back edge: not a loop of its own)
            ('n', 0), // 2
            ('c', 0), // 3: continue outer again
            ('n', 0), // 4
            ('n', 0), // 5: inner header
            ('c', 5), // 6: continue inner
            ('n', 0), // 7
            ('c', 5), // 8: inner latch
            ('j', 0), // 9: outer latch
            ('r', 0), // 10
        ];
        let (_, at) = assemble(&ops);
        assert_eq!(innermost(&ops, 10), Some(vec![(at[5], at[9])]));
    }

    #[test]
    fn the_footprint_skips_the_exit_code_between_header_and_body() {
        // Cranelift's shape for `for range fs { <-done }`: the header's test, then the
        // code after the loop, then the body, whose end jumps back to the header.
        let ops = [
            ('n', 0), // 0: entry
            ('n', 0), // 1: header
            ('c', 5), // 2: into the body
            ('n', 0), // 3: after the loop
            ('r', 0), // 4
            ('n', 0), // 5: body
            ('n', 0), // 6
            ('j', 1), // 7: latch
        ];
        let (_, at) = assemble(&ops);
        assert_eq!(innermost(&ops, 5), Some(vec![(at[1], at[3]), (at[5], at[7] + 5)]));
        // Without a loop there is nothing to place; decoding stops after the last block.
        assert_eq!(innermost(&[('n', 0), ('c', 3), ('n', 0), ('r', 0), ('n', 0)], 3), None);
    }

    #[test]
    fn unreachable_code_and_empty_code_make_no_loop() {
        // A loop 0..1 (whose header is the entry block), then an unreachable self-loop.
        let ops = [('n', 0), ('c', 0), ('r', 0), ('c', 3), ('j', 1)];
        let (_, at) = assemble(&ops);
        assert_eq!(innermost(&ops, 3), Some(vec![(0, at[2])]));
        assert!(Blocks::decode(&[], 0, &[]).is_none());
    }

    #[test]
    fn a_tail_call_ends_its_block() {
        // 0: nop; 4: jmp rel32 with a relocation (a tail call, decoded as a jump to 9);
        // 9: a loop 9..15. Read as a jump, the tail call would be an edge into the
        // loop; it is a stop, so block 9 is entered only by its own back edge and is
        // unreachable.
        let ops = [('n', 0), ('j', 2), ('n', 0), ('c', 2), ('r', 0)];
        let (code, at) = assemble(&ops);
        assert_eq!(at[1], 4);
        let reached = Blocks::decode(&code, at[2], &[]).unwrap().innermost_loop();
        assert_eq!(reached, Some(vec![(at[2], at[4])]));
        assert_eq!(Blocks::decode(&code, at[2], &[5]).unwrap().innermost_loop(), None);
    }

    #[test]
    fn slow_paths_that_rejoin_make_no_loop() {
        // Cranelift's shape for bench/defer_open.go's main: a cold slow path from the
        // entry rejoins before the loop, and one from inside the loop (a preemption
        // check) rejoins in its middle. Neither target dominates the jump to it.
        let ops = [
            ('n', 0),  // 0: entry
            ('c', 9),  // 1: to slow path A
            ('n', 0),  // 2: A rejoins here
            ('n', 0),  // 3: loop header
            ('c', 11), // 4: to slow path B
            ('n', 0),  // 5: B rejoins here
            ('c', 3),  // 6: latch
            ('r', 0),  // 7: exit
            ('n', 0),  // 8: filler
            ('n', 0),  // 9: slow path A
            ('j', 2),  // 10
            ('n', 0),  // 11: slow path B
            ('j', 5),  // 12
        ];
        let (_, at) = assemble(&ops);
        assert_eq!(innermost(&ops, 11), Some(vec![(at[3], at[7])]));
    }

    #[test]
    fn decoding_goes_on_to_every_branch_target() {
        // The last block (op 1) is followed by code that only a branch reaches.
        let ops = [('c', 3), ('r', 0), ('n', 0), ('n', 0), ('c', 3), ('r', 0)];
        let (_, at) = assemble(&ops);
        assert_eq!(innermost(&ops, 1), Some(vec![(at[3], at[5])]));
    }
}
