//! Building a native executable (docs/aot.md): the same code generation and
//! stack-check pass as the JIT, emitted as an object file with `cranelift-object`,
//! plus C `main` and the program table (`codegen::define_startup`); linked by the
//! system C compiler with the runtime as a static library (embedded in this crate by
//! build.rs) and, for a program that imports "C", its C side as an object. The result
//! needs only the system's C libraries at run time.

use std::path::{Path, PathBuf};
use std::process::Command;

use cranelift_module::default_libcall_names;
use cranelift_object::{ObjectBuilder, ObjectModule};

use crate::{io_reason, render, source_path, Checked, Error, Report};

/// The runtime built as a static library (build.rs).
const RUNTIME_ARCHIVE: &[u8] = include_bytes!(env!("MORESTACK_RUNTIME_ARCHIVE"));
/// The system libraries the runtime needs (rustc's `--print native-static-libs`).
const RUNTIME_NATIVE_LIBS: &str = env!("MORESTACK_RUNTIME_NATIVE_LIBS");

/// The linker's flags: the program's code is not position-independent (absolute
/// addresses, as in the JIT: `codegen::build_isa`), so the executable is not PIE,
/// like Go's default `buildmode=exe`; every dynamic symbol is bound at start-up,
/// because a lazy binding would run the dynamic linker's resolver on a small
/// goroutine stack (compiled code calls libc's `memcpy` and `memset`); unused runtime
/// code is dropped.
const LINK_FLAGS: [&str; 3] = ["-no-pie", "-Wl,-z,now", "-Wl,--gc-sections"];

/// Compiles a checked program into the executable `output` (replaced if it exists).
pub fn build(checked: &Checked, output: &Path) -> Result<(), Error> {
    let dir = tempfile::Builder::new()
        .prefix("morestack-build-")
        .tempdir()
        .map_err(|e| Error::Io(format!("build: creating a temporary directory: {}", io_reason(&e))))?;
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).map_err(|e| Error::Io(format!("build: writing {}: {}", path.display(), io_reason(&e))))?;
        Ok::<PathBuf, Error>(path)
    };
    let mut inputs = vec![write("main.o", &emit_object(checked)?)?];
    if let Some(c) = &checked.cgo {
        inputs.push(c.object().map_err(Error::Io)?);
    }
    inputs.push(write("libmorestack_runtime.a", RUNTIME_ARCHIVE)?);
    let linked = dir.path().join("a.out");
    link(&inputs, &linked)?;
    install(&linked, output)
}

/// The program as an ELF relocatable object.
fn emit_object(checked: &Checked) -> Result<Vec<u8>, Error> {
    let internal = |what: &str, e: &dyn std::fmt::Display| Error::Io(format!("internal compiler error: {what}: {e}"));
    let builder = ObjectBuilder::new(codegen::build_isa(), "main", default_libcall_names()).map_err(|e| internal("object file", &e))?;
    let mut module = ObjectModule::new(builder);
    let compiled = codegen::compile(&mut module, &checked.file, &checked.ast, &checked.info, &codegen::Options::default()).map_err(|d| render(&checked.file, &d, Report::First10))?;
    let startup = codegen::Startup { file: &source_path(checked), cgo: checked.cgo.is_some() };
    codegen::define_startup(&mut module, &compiled, &startup).map_err(|e| internal("start-up code", &e))?;
    module.finish().emit().map_err(|e| internal("object file", &e))
}

/// `cc -no-pie -o OUTPUT INPUTS... NATIVE_LIBS`.
fn link(inputs: &[PathBuf], output: &Path) -> Result<(), Error> {
    let mut cc: Command = cgo::c_compiler();
    let program = cc.get_program().to_string_lossy().into_owned();
    let result = cc.args(LINK_FLAGS).arg("-o").arg(output).args(inputs).args(RUNTIME_NATIVE_LIBS.split_whitespace()).output();
    let out = result.map_err(|e| Error::Io(format!("build: the C compiler {program:?}, which links executables, cannot be run: {} (install one, e.g. `apt-get install gcc`, or set CC)", io_reason(&e))))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(Error::Io(format!("build: linking with {program:?} failed:\n{}", String::from_utf8_lossy(&out.stderr).trim_end())))
    }
}

/// Puts the linked executable at `output`: copied next to it, then renamed over it,
/// so an executable being run there is replaced rather than overwritten in place.
fn install(linked: &Path, output: &Path) -> Result<(), Error> {
    let cannot = |e: std::io::Error| Error::Io(format!("build: cannot write {}: {}", output.display(), io_reason(&e)));
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let staged = tempfile::Builder::new().prefix(".morestack-build-").tempfile_in(parent).map_err(cannot)?;
    // Also copies the permission bits: the linker made the file executable.
    std::fs::copy(linked, staged.path()).map_err(cannot)?;
    staged.persist(output).map_err(|e| cannot(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Executables link the runtime by name: every entry point the JIT links by
    /// address, and the start-up entry, must be defined under that name.
    #[test]
    fn runtime_archive_defines_every_entry_point() {
        let archive = object::read::archive::ArchiveFile::parse(RUNTIME_ARCHIVE).expect("an ar archive");
        let index = archive.symbols().expect("a readable symbol index").expect("a symbol index");
        let defined: std::collections::HashSet<&[u8]> = index.map(|s| s.expect("a symbol").name()).collect();
        let wanted = morestack_runtime::symbols().into_iter().map(|(name, _)| name).chain(["runtime.rt0_go"]);
        let missing: Vec<&str> = wanted.filter(|name| !defined.contains(name.as_bytes())).collect();
        assert!(missing.is_empty(), "not defined in the runtime's static library: {missing:?}");
    }
}
