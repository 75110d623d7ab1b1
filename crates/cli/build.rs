//! Links `morestack` as a position-dependent executable. A PIE Rust binary of this
//! size carries about 22,000 relative relocations that the dynamic loader applies at
//! every start, faulting in and copying the pages of its read-only data: about half
//! of the start-up time of `morestack run hello.go`. Linked with `-no-pie`, the same
//! (position-independent) code has them resolved at link time.
fn main() {
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
