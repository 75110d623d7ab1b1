//! Architecture dispatch: the one place that picks the assembly file for the target.
//! Only `arch/<target>.rs` may contain `asm!`.

#[cfg(target_arch = "x86_64")]
mod x86_64;
#[cfg(target_arch = "x86_64")]
pub use x86_64::*;

#[cfg(not(target_arch = "x86_64"))]
compile_error!("morestack-runtime supports only x86_64 for now");
