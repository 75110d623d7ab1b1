//! The built shared object, loaded into the process with `dlopen`.

use std::ffi::{CStr, CString};
use std::path::Path;

/// A loaded shared object. Dropping it unloads the object: keep it alive for as long
/// as any code may call into it (the compiled program, C threads it started).
pub struct Loaded {
    handle: *mut libc::c_void,
}

// SAFETY: a dlopen handle is a process-wide token; dlsym and dlclose may be called
// from any thread (glibc serialises them internally).
unsafe impl Send for Loaded {}
// SAFETY: as above; `&Loaded` only allows dlsym and stores into the object's data.
unsafe impl Sync for Loaded {}

impl Loaded {
    /// `dlopen(path, RTLD_NOW)`: every symbol is resolved now, so a missing one is an
    /// error here rather than a crash in the middle of the program.
    pub(crate) fn open(path: &Path) -> Result<Loaded, String> {
        let c_path = CString::new(path.as_os_str().as_encoded_bytes()).map_err(|e| e.to_string())?;
        // SAFETY: a NUL-terminated path. Loading runs the object's constructors: the
        // preamble's, which is what the program asked for.
        let handle = unsafe { libc::dlopen(c_path.as_ptr(), libc::RTLD_NOW) };
        if handle.is_null() {
            return Err(format!("cgo: loading {}: {}", path.display(), dlerror()));
        }
        Ok(Loaded { handle })
    }

    /// The address of a symbol of the object (a function, a wrapper, a variable).
    pub fn symbol(&self, name: &str) -> Option<*const u8> {
        let name = CString::new(name).ok()?;
        // SAFETY: a live handle and a NUL-terminated name.
        let address = unsafe { libc::dlsym(self.handle, name.as_ptr()) };
        (!address.is_null()).then_some(address as *const u8)
    }

    /// `*(void **)NAME = value`: fills one of the object's pointer variables
    /// (`_cgo_runtime_cgocallback`, `_cgo_export_fn_F`).
    pub fn set_pointer(&self, name: &str, value: usize) -> Result<(), String> {
        let address = self.symbol(name).ok_or_else(|| format!("cgo: no symbol {name} in the C object"))?;
        // SAFETY: the generated C defines every such symbol as a pointer variable
        // (aligned, writable); nothing else names them.
        unsafe { (address as *mut usize).write(value) };
        Ok(())
    }
}

impl Drop for Loaded {
    fn drop(&mut self) {
        // SAFETY: the handle came from dlopen and is closed once.
        unsafe { libc::dlclose(self.handle) };
    }
}

fn dlerror() -> String {
    // SAFETY: dlerror returns null or a NUL-terminated message valid until the next
    // dl* call on this thread.
    let message = unsafe { libc::dlerror() };
    if message.is_null() {
        "unknown error".to_string()
    } else {
        // SAFETY: see above.
        unsafe { CStr::from_ptr(message) }.to_string_lossy().into_owned()
    }
}
