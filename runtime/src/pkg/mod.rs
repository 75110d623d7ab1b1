//! Go standard-library packages implemented in the runtime, exported under their Go
//! names (`strings.Contains`, `strconv.Itoa`, `os.Exit`, `sync.(*Mutex).Lock`). Each submodule lists its
//! symbols and signatures at its top. `fmt` is big enough to be its own module
//! (`crate::fmt`).

pub mod os;
pub mod strconv;
pub mod strings;
pub mod sync;
pub mod time;
