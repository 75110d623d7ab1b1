//! The x86-64 patcher: recognises the stack-limit prologue Cranelift emitted, retargets
//! its trap branches to an appended stub and assembles that stub.
//!
//! Works on bytes only (no `Module`, no `Context`), so every shape can be unit-tested.
//! It recognises exactly the instruction sequences of Cranelift 0.135's
//! `gen_prologue_frame_setup` + `insert_stack_check` (`machinst/abi.rs`,
//! `isa/x64/abi.rs`) and refuses anything else: it never patches blindly.
//!
//! ```text
//! 0:  55                   push rbp                 ┐ frame setup
//! 1:  48 89 e5             mov  rbp, rsp            ┘
//! 4:  4c 8b 57 10          mov  r10, [REG+guard]    the limit (REG = VMContext register)
//!   [ 4c 3b d4             cmp  r10, rsp            ┐ only when F >= 32 KiB: guards the
//!     0f 87 rel32          ja   ud2                 ┘ add below against wrapping ]
//!   [ 49 83 c2 ib / 49 81 c2 id   add r10, F ]      absent when F == 0
//!     4c 3b d4             cmp  r10, rsp
//!     0f 87 rel32          ja   ud2                 ud2 = a STACK_OVERFLOW trap site
//! body:                                             sub rsp, … / clobber saves / body
//! ```

use cranelift_codegen::binemit::{Addend, CodeOffset, Reloc};
use cranelift_codegen::ir::TrapCode;
use cranelift_codegen::MachTrap;

use crate::CheckedFunction;

/// `push rbp; mov rbp, rsp`: the frame setup that precedes the check.
const FRAME_SETUP: [u8; 4] = [0x55, 0x48, 0x89, 0xe5];
/// `cmp r10, rsp` as Cranelift encodes it (`cmp r64, r/m64`)…
const CMP_R10_RSP: [u8; 3] = [0x4c, 0x3b, 0xd4];
/// …and the equivalent `cmp r/m64, r64` form, accepted so an encoder change is harmless.
const CMP_R10_RSP_MR: [u8; 3] = [0x49, 0x39, 0xe2];
/// `ja rel32` (Cranelift's `TrapIf NBE` always uses the rel32 form).
const JA_REL32: [u8; 2] = [0x0f, 0x87];
/// Cranelift checks twice from this checked size on (`insert_stack_check`).
const BIG_FRAME: u32 = 32 * 1024;
/// Padding between the function's own bytes and the stub, and before the slot.
const INT3: u8 = 0xcc;
/// The stub starts on this boundary: not required, but keeps it on a fetch block of its own.
const STUB_ALIGN: usize = 16;

/// Register numbers in x86-64 encoding order.
const RSP: u8 = 4;
const RBP: u8 = 5;
const R10: u8 = 10;
const R11: u8 = 11;
const REG_NAMES: [&str; 16] = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];

/// How the stub reaches `morestack`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MorestackCall {
    /// `call qword ptr [rip + slot]` with an 8-byte slot after the stub holding the
    /// absolute address ([`Reloc::Abs8`]). Reaches any address, so it suits the JIT and
    /// non-PIC object files (what `is_pic = false` code is linked as).
    Slot,
    /// `call rel32` with [`Reloc::X86CallPLTRel4`]: for `is_pic = true` object files,
    /// where an absolute address in `.text` would need a text relocation.
    Direct,
}

/// A relocation the stub needs, against the embedder's `morestack` function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StubReloc {
    pub offset: CodeOffset,
    pub kind: Reloc,
    pub addend: Addend,
}

/// The result of [`patch`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Patched {
    /// The function's bytes with the check branches retargeted, followed by the stub.
    /// Equal to the input when the function has no check.
    pub code: Vec<u8>,
    /// The relocation to `morestack` (None when there is no stub).
    pub reloc: Option<StubReloc>,
    /// What the embedder needs to know about the result.
    pub checked: CheckedFunction,
}

/// Why [`patch`] refused a function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatchError {
    /// Code offset where the unexpected bytes are.
    pub offset: u32,
    pub message: String,
}

impl std::fmt::Display for PatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unrecognised stack-check prologue at code offset {:#x}: {}", self.offset, self.message)
    }
}

impl std::error::Error for PatchError {}

/// Patches one compiled x86-64 function. `code` and `traps` are
/// `MachBufferFinalized::data()` and `::traps()`; `guard_offset` is the displacement the
/// limit load must use (the check refuses a function that loads its limit elsewhere);
/// `entry_padding` NOP bytes go before the function ([`crate::EntryPadding`]), and every
/// offset in the result counts them.
///
/// A function with no `STACK_OVERFLOW` trap has no check (a frameless leaf, or no
/// `stack_limit`): it is returned unchanged but for the padding, with `frame_size: None`.
/// Otherwise the prologue must be exactly one of the shapes in the module doc, every
/// check branch must target a `STACK_OVERFLOW` trap, and the branches are retargeted to
/// the stub described in the crate doc.
pub fn patch(code: &[u8], traps: &[MachTrap], guard_offset: i32, call: MorestackCall, entry_padding: u32) -> Result<Patched, PatchError> {
    let overflow_traps: Vec<u32> = traps.iter().filter(|t| t.code == TrapCode::STACK_OVERFLOW).map(|t| t.offset).collect();
    let base = entry_padding as usize;
    let mut out = nops(base);
    out.extend_from_slice(code);
    let code_size = |out: &[u8]| u32::try_from(out.len()).map_err(|_| err(0, "function larger than 4 GiB"));
    if overflow_traps.is_empty() {
        let checked = CheckedFunction { entry_padding, code_size: code_size(&out)?, frame_size: None, stub_offset: None, body_offset: None, retargeted_traps: Vec::new() };
        return Ok(Patched { code: out, reloc: None, checked });
    }

    // Offsets from here on are in `out`: the prologue's plus `base`.
    let prologue = parse_prologue(code, guard_offset, &overflow_traps)?;
    let stub = out.len().next_multiple_of(STUB_ALIGN);
    out.resize(stub, INT3);
    for &rel_at in &prologue.branch_rel32s {
        let rel_at = base + rel_at;
        let rel = rel32(stub, rel_at + 4)?;
        out[rel_at..rel_at + 4].copy_from_slice(&rel.to_le_bytes());
    }

    // pop rbp: undo the prologue's push, so rsp is as at entry.
    out.push(0x5d);
    // mov r11, REG (`mov r/m64, r64`): g for morestack.
    let reg = prologue.vmctx_reg;
    out.extend_from_slice(&[0x49 | if reg >= 8 { 0x04 } else { 0 }, 0x89, 0xc0 | ((reg & 7) << 3) | (R11 & 7)]);
    // mov eax, F (zero-extends into rax).
    out.push(0xb8);
    out.extend_from_slice(&prologue.frame_size.to_le_bytes());
    // call morestack: its return address is `restart`.
    let call_at = out.len();
    match call {
        MorestackCall::Slot => out.extend_from_slice(&[0xff, 0x15, 0, 0, 0, 0]), // disp32 filled below
        MorestackCall::Direct => out.extend_from_slice(&[0xe8, 0, 0, 0, 0]),
    }
    // restart: jmp entry (the frame setup, past the padding).
    let restart = out.len();
    out.push(0xe9);
    out.extend_from_slice(&rel32(base, restart + 5)?.to_le_bytes());
    // resume: push rbp; mov rbp, rsp; jmp body.
    let resume = out.len();
    debug_assert_eq!(resume, restart + RESUME_AFTER_RESTART as usize);
    out.extend_from_slice(&FRAME_SETUP);
    let jmp_body = out.len();
    out.push(0xe9);
    out.extend_from_slice(&rel32(base + prologue.body, jmp_body + 5)?.to_le_bytes());

    let reloc = match call {
        MorestackCall::Slot => {
            let slot = out.len().next_multiple_of(8);
            out.resize(slot, INT3);
            out.extend_from_slice(&[0; 8]);
            let disp = rel32(slot, call_at + 6)?;
            out[call_at + 2..call_at + 6].copy_from_slice(&disp.to_le_bytes());
            StubReloc { offset: slot as u32, kind: Reloc::Abs8, addend: 0 }
        }
        // The rel32 is relative to the end of the call, 4 bytes after the field.
        MorestackCall::Direct => StubReloc { offset: call_at as u32 + 1, kind: Reloc::X86CallPLTRel4, addend: -4 },
    };

    let checked = CheckedFunction {
        entry_padding,
        code_size: code_size(&out)?,
        frame_size: Some(prologue.frame_size),
        stub_offset: Some(stub as u32),
        body_offset: Some((base + prologue.body) as u32),
        retargeted_traps: prologue.targets.iter().map(|t| t + entry_padding).collect(),
    };
    Ok(Patched { code: out, reloc: Some(reloc), checked })
}

/// `len` bytes of NOPs, in the longest of the recommended multi-byte encodings (Intel
/// SDM vol. 2B, "NOP").
fn nops(len: usize) -> Vec<u8> {
    const NOPS: [&[u8]; 9] = [
        &[0x90],
        &[0x66, 0x90],
        &[0x0f, 0x1f, 0x00],
        &[0x0f, 0x1f, 0x40, 0x00],
        &[0x0f, 0x1f, 0x44, 0x00, 0x00],
        &[0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
        &[0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
        &[0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
        &[0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
    ];
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        let n = (len - out.len()).min(NOPS.len());
        out.extend_from_slice(NOPS[n - 1]);
    }
    out
}

/// `resume` is the instruction after `restart`'s 5-byte `jmp rel32`.
pub const RESUME_AFTER_RESTART: u32 = 5;

/// What the prologue says.
struct Prologue {
    vmctx_reg: u8,
    frame_size: u32,
    /// Offsets of the rel32 fields of the check branches.
    branch_rel32s: Vec<usize>,
    /// The trap offsets those branches targeted, in branch order, without duplicates.
    targets: Vec<u32>,
    /// First instruction after the last check branch.
    body: usize,
}

fn parse_prologue(code: &[u8], guard_offset: i32, overflow_traps: &[u32]) -> Result<Prologue, PatchError> {
    if !code.starts_with(&FRAME_SETUP) {
        return Err(err(0, "expected `push rbp; mov rbp, rsp` (is `preserve_frame_pointers` or the frame setup different?)"));
    }
    let mut pos = FRAME_SETUP.len();
    let (vmctx_reg, disp, len) = decode_limit_load(code, pos)?;
    if disp != guard_offset {
        return Err(err(pos, format!("the limit is loaded from [{}{disp:+#x}], expected guard offset {guard_offset:#x}", REG_NAMES[vmctx_reg as usize])));
    }
    pos += len;

    let mut branch_rel32s = Vec::new();
    let mut targets = Vec::new();
    let mut check = |pos: &mut usize| -> Result<(), PatchError> {
        let (rel_at, target, len) = decode_cmp_ja(code, *pos)?;
        if !overflow_traps.contains(&target) {
            return Err(err(rel_at - 2, format!("check branch targets {target:#x}, which is not a STACK_OVERFLOW trap site")));
        }
        branch_rel32s.push(rel_at);
        if !targets.contains(&target) {
            targets.push(target);
        }
        *pos += len;
        Ok(())
    };

    let frame_size = match decode_add_r10(code, pos) {
        // add; cmp; ja — the common case.
        Some((f, len)) => {
            if f >= BIG_FRAME {
                return Err(err(pos, format!("frame of {f} bytes checked once; Cranelift checks frames >= {BIG_FRAME} twice")));
            }
            pos += len;
            check(&mut pos)?;
            f
        }
        None => {
            check(&mut pos)?;
            match decode_add_r10(code, pos) {
                // cmp; ja; add; cmp; ja — frames of 32 KiB and more.
                Some((f, len)) if f >= BIG_FRAME => {
                    pos += len;
                    check(&mut pos)?;
                    f
                }
                Some((f, _)) => return Err(err(pos, format!("frame of {f} bytes checked twice; Cranelift does that only from {BIG_FRAME} bytes"))),
                // cmp; ja — a check of size 0.
                None => 0,
            }
        }
    };
    Ok(Prologue { vmctx_reg, frame_size, branch_rel32s, targets, body: pos })
}

/// `mov r10, qword ptr [REG + disp]` → (REG, disp, length). Only a base register with a
/// displacement: no index, no RIP-relative addressing.
fn decode_limit_load(code: &[u8], pos: usize) -> Result<(u8, i32, usize), PatchError> {
    let bytes = |n: usize| code.get(pos..pos + n).ok_or_else(|| err(pos, "code ends inside the stack-limit load"));
    let b = bytes(3)?;
    let (rex, opcode, modrm) = (b[0], b[1], b[2]);
    // REX.W + REX.R (r10 is reg 8+2), optional REX.B, never REX.X (an index register).
    if (rex != 0x4c && rex != 0x4d) || opcode != 0x8b || (modrm >> 3) & 7 != R10 & 7 {
        return Err(err(pos, format!("expected `mov r10, [REG+guard]`, found bytes {:02x?}", &code[pos..code.len().min(pos + 8)])));
    }
    let rex_b = (rex & 1) << 3;
    let mode = modrm >> 6;
    let mut len = 3;
    let base = match modrm & 7 {
        _ if mode == 3 => return Err(err(pos, "the stack limit is moved from a register, not loaded from VMContext")),
        4 => {
            // SIB: allowed only as "base, no index" (index field 100 without REX.X).
            let sib = bytes(4)?[3];
            len += 1;
            if (sib >> 3) & 7 != 4 || (mode == 0 && sib & 7 == 5) {
                return Err(err(pos, "the stack-limit load uses an index register or an absolute address"));
            }
            (sib & 7) | rex_b
        }
        5 if mode == 0 => return Err(err(pos, "the stack-limit load is RIP-relative, not from VMContext")),
        rm => rm | rex_b,
    };
    let disp = match mode {
        0 => 0,
        1 => {
            let d = bytes(len + 1)?[len] as i8 as i32;
            len += 1;
            d
        }
        _ => {
            let d = i32::from_le_bytes(bytes(len + 4)?[len..].try_into().expect("4 bytes"));
            len += 4;
            d
        }
    };
    if matches!(base, RSP | RBP | R10) {
        return Err(err(pos, format!("the stack limit is loaded through {}, which cannot be the VMContext parameter", REG_NAMES[base as usize])));
    }
    Ok((base, disp, len))
}

/// `add r10, imm8` / `add r10, imm32` with a positive immediate → (imm, length).
fn decode_add_r10(code: &[u8], pos: usize) -> Option<(u32, usize)> {
    match code.get(pos..)? {
        [0x49, 0x83, 0xc2, imm, ..] if (*imm as i8) > 0 => Some((*imm as u32, 4)),
        [0x49, 0x81, 0xc2, a, b, c, d, ..] => {
            let imm = i32::from_le_bytes([*a, *b, *c, *d]);
            (imm > 0).then_some((imm as u32, 7))
        }
        _ => None,
    }
}

/// `cmp r10, rsp; ja rel32` → (offset of the rel32, branch target, length).
fn decode_cmp_ja(code: &[u8], pos: usize) -> Result<(usize, u32, usize), PatchError> {
    let Some(b) = code.get(pos..pos + 9) else { return Err(err(pos, "code ends inside the stack check")) };
    if b[..3] != CMP_R10_RSP && b[..3] != CMP_R10_RSP_MR {
        return Err(err(pos, format!("expected `cmp r10, rsp`, found bytes {:02x?}", &b[..3])));
    }
    if b[3..5] != JA_REL32 {
        return Err(err(pos + 3, format!("expected `ja rel32` (0f 87), found bytes {:02x?}", &b[3..5])));
    }
    let rel = i32::from_le_bytes(b[5..9].try_into().expect("4 bytes"));
    let target = (pos as i64 + 9 + rel as i64) as u32;
    Ok((pos + 5, target, 9))
}

/// The rel32 that reaches `target` from an instruction ending at `end`.
fn rel32(target: usize, end: usize) -> Result<i32, PatchError> {
    i32::try_from(target as i64 - end as i64).map_err(|_| err(end as u32, "branch distance does not fit in 32 bits"))
}

fn err(offset: impl TryInto<u32>, message: impl Into<String>) -> PatchError {
    PatchError { offset: offset.try_into().unwrap_or(u32::MAX), message: message.into() }
}

#[cfg(test)]
mod tests {
    //! Byte-level tests on prologues copied from Cranelift 0.135.8's output and on
    //! hand-made deviations from them.
    //! The integration tests (`tests/x64.rs`) check the same against fresh compiler output.

    use super::*;

    fn so(offset: u32) -> MachTrap {
        MachTrap { offset, code: TrapCode::STACK_OVERFLOW }
    }

    /// Small frame: `add r10, 0x40`.
    fn small() -> (Vec<u8>, Vec<MachTrap>) {
        let mut c = vec![0x55, 0x48, 0x89, 0xe5, 0x4c, 0x8b, 0x57, 0x10, 0x49, 0x83, 0xc2, 0x40, 0x4c, 0x3b, 0xd4, 0x0f, 0x87, 0x16, 0, 0, 0];
        c.extend_from_slice(&[0x90; 0x16]); // the body: sub rsp / … / ret
        c.extend_from_slice(&[0x0f, 0x0b]); // ud2 at 0x2b
        (c, vec![MachTrap { offset: 0x2b, code: TrapCode::STACK_OVERFLOW }])
    }

    /// Frame >= 32 KiB: two checks, each to its own ud2.
    fn big() -> (Vec<u8>, Vec<MachTrap>) {
        let mut c = vec![0x55, 0x48, 0x89, 0xe5, 0x4c, 0x8b, 0x57, 0x10];
        c.extend_from_slice(&[0x4c, 0x3b, 0xd4, 0x0f, 0x87, 0x2c, 0, 0, 0]); // 8: cmp; b: ja 0x3d
        c.extend_from_slice(&[0x49, 0x81, 0xc2, 0x40, 0x9c, 0, 0]); // 0x11: add r10, 0x9c40
        c.extend_from_slice(&[0x4c, 0x3b, 0xd4, 0x0f, 0x87, 0x1e, 0, 0, 0]); // 0x18: cmp; 0x1b: ja 0x3f
        c.resize(0x3d, 0x90);
        c.extend_from_slice(&[0x0f, 0x0b, 0x0f, 0x0b]);
        (c, vec![so(0x3d), so(0x3f)])
    }

    fn rel_target(code: &[u8], rel_at: usize) -> usize {
        (rel_at as i64 + 4 + i32::from_le_bytes(code[rel_at..rel_at + 4].try_into().unwrap()) as i64) as usize
    }

    #[test]
    fn small_frame_is_retargeted_and_stub_is_exact() {
        let (code, traps) = small();
        let p = patch(&code, &traps, 16, MorestackCall::Slot, 0).unwrap();
        assert_eq!(p.checked.frame_size, Some(0x40));
        assert_eq!(p.checked.stub_offset, Some(0x30));
        assert_eq!(p.checked.body_offset, Some(0x15));
        assert_eq!(p.checked.retargeted_traps, vec![0x2b]);
        assert_eq!(rel_target(&p.code, 0x11), 0x30);
        assert_eq!(&p.code[..0x11], &code[..0x11], "nothing but the rel32 changes");
        assert_eq!(&p.code[0x15..code.len()], &code[0x15..], "body and traps untouched");
        assert_eq!(&p.code[code.len()..0x30], &[INT3; 3]);
        #[rustfmt::skip]
        let stub: &[u8] = &[
            0x5d,                               // 30: pop  rbp
            0x49, 0x89, 0xfb,                   // 31: mov  r11, rdi
            0xb8, 0x40, 0, 0, 0,                // 34: mov  eax, 0x40
            0xff, 0x15, 0x11, 0, 0, 0,          // 39: call [rip+0x11]      ; slot at 0x50
            0xe9, 0xbc, 0xff, 0xff, 0xff,       // 3f: jmp  0               ; restart
            0x55, 0x48, 0x89, 0xe5,             // 44: push rbp; mov rbp, rsp ; resume
            0xe9, 0xc8, 0xff, 0xff, 0xff,       // 48: jmp  0x15            ; body
            0xcc, 0xcc, 0xcc,                   // 4d: align 8
            0, 0, 0, 0, 0, 0, 0, 0,             // 50: slot
        ];
        assert_eq!(&p.code[0x30..], stub);
        assert_eq!(rel_target(&p.code, 0x3f + 1), 0, "restart jumps to the entry");
        assert_eq!(0x3f + RESUME_AFTER_RESTART, 0x44);
        assert_eq!(rel_target(&p.code, 0x48 + 1), 0x15, "resume jumps to the body");
        assert_eq!(rel_target(&p.code, 0x39 + 2), 0x50, "the call reads the slot");
        assert_eq!(p.reloc, Some(StubReloc { offset: 0x50, kind: Reloc::Abs8, addend: 0 }));
        assert_eq!(p.checked.code_size as usize, p.code.len());
    }

    #[test]
    fn entry_padding_moves_every_offset_and_the_restart_skips_it() {
        let (code, traps) = small();
        let plain = patch(&code, &traps, 16, MorestackCall::Slot, 0).unwrap();
        for pad in [1usize, 5, 9, 10, 19, 63] {
            let p = patch(&code, &traps, 16, MorestackCall::Slot, pad as u32).unwrap();
            assert_eq!(&p.code[..pad], &nops(pad)[..]);
            assert_eq!(p.checked.entry_padding, pad as u32);
            assert_eq!(p.checked.body_offset, Some(0x15 + pad as u32));
            assert_eq!(p.checked.retargeted_traps, vec![0x2b + pad as u32]);
            let stub = (pad + code.len()).next_multiple_of(STUB_ALIGN);
            assert_eq!(p.checked.stub_offset, Some(stub as u32));
            assert_eq!(rel_target(&p.code, pad + 0x11), stub, "the check goes to the stub");
            assert_eq!(&p.code[pad + 0x15..pad + code.len()], &code[0x15..], "body and traps untouched");
            assert_eq!(rel_target(&p.code, stub + 0xf + 1), pad, "restart jumps past the padding");
            assert_eq!(rel_target(&p.code, stub + 0x18 + 1), pad + 0x15, "resume jumps to the body");
            let slot = p.reloc.unwrap().offset as usize;
            assert_eq!(slot % 8, 0, "the slot stays 8-aligned from the function's start");
            assert_eq!(rel_target(&p.code, stub + 0x9 + 2), slot, "the call reads the slot");
            assert_eq!(p.checked.code_size as usize, p.code.len());
            // The stub is the same code but for the two jumps' rel32s (checked above).
            let masked = |c: &[u8]| [&c[..0x10], &c[0x14..0x19], &c[0x1d..]].concat();
            assert_eq!(masked(&p.code[stub..]), masked(&plain.code[0x30..]));
        }
    }

    #[test]
    fn nops_are_the_recommended_encodings() {
        assert_eq!(nops(0), []);
        assert_eq!(nops(1), [0x90]);
        assert_eq!(nops(3), [0x0f, 0x1f, 0x00]);
        // Longer runs: 9-byte NOPs, then the rest.
        assert_eq!(nops(11), [0x66, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0, 0x66, 0x90]);
        assert_eq!(nops(63).len(), 63);
    }

    #[test]
    fn big_frame_retargets_both_branches() {
        let (code, traps) = big();
        let p = patch(&code, &traps, 16, MorestackCall::Slot, 0).unwrap();
        assert_eq!(p.checked.frame_size, Some(0x9c40));
        assert_eq!(p.checked.body_offset, Some(0x21));
        assert_eq!(p.checked.retargeted_traps, vec![0x3d, 0x3f]);
        let stub = p.checked.stub_offset.unwrap() as usize;
        assert_eq!(stub, 0x50);
        assert_eq!(rel_target(&p.code, 0xd), stub);
        assert_eq!(rel_target(&p.code, 0x1d), stub);
        assert_eq!(&p.code[stub + 4..stub + 9], &[0xb8, 0x40, 0x9c, 0, 0], "mov eax, 0x9c40");
    }

    #[test]
    fn direct_call_uses_a_plt_relocation_and_no_slot() {
        let (code, traps) = small();
        let p = patch(&code, &traps, 16, MorestackCall::Direct, 0).unwrap();
        let stub = 0x30;
        assert_eq!(p.code[stub + 9], 0xe8);
        assert_eq!(p.reloc, Some(StubReloc { offset: stub as u32 + 10, kind: Reloc::X86CallPLTRel4, addend: -4 }));
        let restart = stub + 14;
        assert_eq!(p.code[restart], 0xe9);
        assert_eq!(rel_target(&p.code, restart + 1), 0);
        assert_eq!(rel_target(&p.code, restart + 10), 0x15);
        assert_eq!(p.code.len(), restart + 14, "no slot");
    }

    #[test]
    fn no_overflow_trap_means_no_check_and_no_change() {
        let leaf = [0x55, 0x48, 0x89, 0xe5, 0x48, 0x8d, 0x46, 0x01, 0x48, 0x89, 0xec, 0x5d, 0xc3];
        let other_trap = [MachTrap { offset: 3, code: TrapCode::INTEGER_DIVISION_BY_ZERO }];
        let p = patch(&leaf, &other_trap, 16, MorestackCall::Slot, 0).unwrap();
        assert_eq!(p.code, leaf);
        assert_eq!(p.reloc, None);
        assert_eq!(p.checked, CheckedFunction { entry_padding: 0, code_size: 13, frame_size: None, stub_offset: None, body_offset: None, retargeted_traps: vec![] });
    }

    #[test]
    fn vmctx_register_is_decoded() {
        // mov r10, [rsi+0x10] (a return-area pointer took rdi) and mov r10, [r9+0x10].
        for (load, mov_r11) in [([0x4c, 0x8b, 0x56, 0x10], [0x49, 0x89, 0xf3]), ([0x4d, 0x8b, 0x51, 0x10], [0x4d, 0x89, 0xcb])] {
            let (mut code, traps) = small();
            code[4..8].copy_from_slice(&load);
            let p = patch(&code, &traps, 16, MorestackCall::Slot, 0).unwrap();
            assert_eq!(&p.code[0x31..0x34], &mov_r11);
        }
    }

    #[test]
    fn other_displacement_encodings() {
        // disp32: mov r10, [rdi+0x1000]
        let mut code = vec![0x55, 0x48, 0x89, 0xe5, 0x4c, 0x8b, 0x97, 0, 0x10, 0, 0, 0x49, 0x83, 0xc2, 0x10, 0x4c, 0x3b, 0xd4, 0x0f, 0x87, 0x01, 0, 0, 0, 0xc3, 0x0f, 0x0b];
        let p = patch(&code, &[so(25)], 0x1000, MorestackCall::Slot, 0).unwrap();
        assert_eq!(p.checked.frame_size, Some(16));
        // no displacement: mov r10, [rdi]; the 0x49 0x39 form of the compare.
        code = vec![0x55, 0x48, 0x89, 0xe5, 0x4c, 0x8b, 0x17, 0x49, 0x39, 0xe2, 0x0f, 0x87, 0x01, 0, 0, 0, 0xc3, 0x0f, 0x0b];
        let p = patch(&code, &[so(17)], 0, MorestackCall::Slot, 0).unwrap();
        assert_eq!(p.checked.frame_size, Some(0), "a check without `add` requires 0 bytes");
        assert_eq!(p.checked.body_offset, Some(16));
    }

    #[test]
    fn refuses_anything_unexpected() {
        let refuse = |code: &[u8], traps: &[MachTrap], guard: i32, what: &str| {
            let e = patch(code, traps, guard, MorestackCall::Slot, 0).expect_err(what);
            assert!(e.message.contains(what), "{what:?} not in {e}");
        };
        let (code, traps) = small();
        refuse(&code, &traps, 8, "expected guard offset 0x8");

        let mut c = code.clone();
        c[0] = 0x90;
        refuse(&c, &traps, 16, "push rbp");

        let mut c = code.clone();
        c[12..15].copy_from_slice(&[0x4c, 0x3b, 0xd5]); // cmp r10, rbp
        refuse(&c, &traps, 16, "expected `cmp r10, rsp`");

        let mut c = code.clone();
        c[16] = 0x82; // jb
        refuse(&c, &traps, 16, "expected `ja rel32`");

        refuse(&code, &[so(0x2c)], 16, "not a STACK_OVERFLOW trap site");
        refuse(&code, &[MachTrap { offset: 0x2b, code: TrapCode::HEAP_OUT_OF_BOUNDS }, so(0x10)], 16, "not a STACK_OVERFLOW trap site");

        let mut c = code.clone();
        c[6] = 0x54; // mov r10, [rsp+0x10]: needs a SIB byte → index check
        refuse(&c, &traps, 16, "index register");

        let mut c = code.clone();
        c[4..8].copy_from_slice(&[0x4c, 0x8b, 0x55, 0x10]); // mov r10, [rbp+0x10]
        refuse(&c, &traps, 16, "cannot be the VMContext parameter");

        let mut c = code.clone();
        c[4..8].copy_from_slice(&[0x4d, 0x89, 0xd2, 0x90]); // mov r10, r10 (wrong opcode)
        refuse(&c, &traps, 16, "expected `mov r10, [REG+guard]`");

        // Frame sizes that contradict the number of checks.
        let (mut c, t) = big();
        c[0x14..0x18].copy_from_slice(&0x100u32.to_le_bytes());
        refuse(&c, &t, 16, "checked twice");
        let mut c = code.clone();
        c[8..12].copy_from_slice(&[0x49, 0x83, 0xc2, 0x80]); // add r10, -128: not a frame size
        refuse(&c, &traps, 16, "expected `cmp r10, rsp`");

        // A trap but a function too short to hold the check.
        refuse(&code[..10], &traps, 16, "code ends inside the stack check");
    }
}
