//! `import "C"` (docs/cgo.md): builds the C side of a Go file and learns what its C
//! functions look like.
//!
//! [`prepare`] finds every `C.name` the file uses and every `//export` function,
//! compiles the preamble with the system C compiler into a shared object, reads the
//! declarations of the used names back from the object's DWARF (as cmd/cgo does),
//! and rebuilds the object with a call wrapper per C function and a stub per export.
//! [`Prepared::load`] loads the object. Nothing here knows Go's types (the checker
//! turns [`CgoDecls`] into them) or the runtime's calling of C (codegen and the
//! runtime do).

mod cc;
mod dwarf;
mod exports;
mod generate;
mod load;
mod names;
mod preamble;
mod uses;

use std::collections::HashMap;
use std::path::PathBuf;

use syntax::{ast, Diagnostic, SourceFile, Span};
use types::cgo::{CFunc, CgoDecls};

pub use cc::c_compiler;
pub use load::Loaded;

use dwarf::Probed;
use generate::{Unit, Wrapper};
use preamble::Preamble;

/// The name of the second build's source and shared object (`cgo.c`, `cgo.so`).
const LIBRARY_STEM: &str = "cgo";

/// A file's C side, built: the declarations for the checker and codegen, and the
/// shared object (in a temporary directory, removed on drop; a loaded object stays
/// mapped).
#[derive(Debug)]
pub struct Prepared {
    /// The C functions the file calls as `C.name`, in order of first use. Those
    /// with a wrapper symbol in the object: every one that is not variadic and has
    /// no unsupported parameter or result type.
    pub decls: CgoDecls,
    /// The `//export` functions in source order. For each `F` the object defines the
    /// C function `F` and the pointer `_cgo_export_fn_F` that must be set to the
    /// Go entry thunk, as `_cgo_runtime_cgocallback` must be set to the runtime's
    /// callback entry, before C code calls `F`.
    pub exports: Vec<String>,
    library: PathBuf,
    /// The build directory (sources, the shared object, an executable's object).
    dir: tempfile::TempDir,
}

impl Prepared {
    /// Loads the shared object into the process (`dlopen`, `RTLD_NOW`).
    pub fn load(&self) -> Result<Loaded, String> {
        Loaded::open(&self.library)
    }

    /// Compiles the shared object's translation unit into a relocatable object (in
    /// the build directory) for an executable to link statically: the same wrappers,
    /// export stubs and pointer variables (docs/aot.md).
    pub fn object(&self) -> Result<PathBuf, String> {
        let dir = self.dir.path();
        cc::build_object(dir, LIBRARY_STEM).map_err(|failure| match failure {
            cc::Failure::NotRun(message) => message,
            cc::Failure::Failed(stderr) => format!("cgo: compiling the C side into an object failed:\n{}", stderr.trim_end()),
        })
    }
}

/// Builds the C side of a file that imports `"C"`; `None` if it does not.
pub fn prepare(file: &SourceFile, ast: &ast::File) -> Result<Option<Prepared>, Vec<Diagnostic>> {
    let Some(import) = ast.imports.iter().find(|i| i.path == "C") else { return Ok(None) };
    let preamble = Preamble::new(file, import);
    let exports = exports::collect(file, ast)?;
    let serialized = preamble.serialize_directives()?;
    let probes = probes(ast, &serialized)?;
    let probe_names: Vec<String> = probes.iter().map(|p| p.name.clone()).collect();

    let dir = tempfile::Builder::new()
        .prefix("morestack-cgo-")
        .tempdir()
        .map_err(|e| vec![preamble.error(format!("cgo: creating a build directory: {e}"))])?;
    let io_error = |e: std::io::Error| vec![preamble.error(format!("cgo: {e}"))];
    std::fs::write(dir.path().join(generate::EXPORT_HEADER), exports::header(&exports)).map_err(io_error)?;
    let unit = Unit { preamble: &preamble, exports: &exports, probes: &probe_names, serialize: !serialized.is_empty() };

    // First build: what are the names?
    let probe_object = build(&preamble, &probes, dir.path(), "probe", &unit.source(&[]))?;
    let object_bytes = std::fs::read(&probe_object).map_err(io_error)?;
    let found =
        dwarf::read_probes(&object_bytes).map_err(|e| vec![preamble.error(format!("cgo: reading DWARF: {e}"))])?;
    let funcs = functions(&probes, &found)?;

    // Second build: with the wrappers.
    let wrappers: Vec<Wrapper> = funcs
        .iter()
        .filter(|f| Wrapper::possible(f))
        .map(|func| Wrapper { func, serialize: serialized.iter().any(|s| s.name == func.name) })
        .collect();
    let library = build(&preamble, &probes, dir.path(), LIBRARY_STEM, &unit.source(&wrappers))?;
    Ok(Some(Prepared {
        decls: CgoDecls { funcs },
        exports: exports.into_iter().map(|e| e.name).collect(),
        library,
        dir,
    }))
}

/// A name to look up in the preamble.
struct Probe {
    name: String,
    /// Its first use, or its `morestack:serialize` directive.
    span: Span,
    /// Used as `C.name` (not only named by a directive).
    called: bool,
}

/// The C functions called from Go in order of first use, then the serialised ones
/// not called.
fn probes(ast: &ast::File, serialized: &[preamble::Serialize]) -> Result<Vec<Probe>, Vec<Diagnostic>> {
    let mut probes = Vec::new();
    let mut errors = Vec::new();
    for u in uses::c_names(ast) {
        if let Some(what) = names::unsupported(&u.name) {
            errors.push(Diagnostic::new(u.span, format!("not supported yet: C.{} ({what})", u.name)));
        } else if !names::is_predefined(&u.name) {
            probes.push(Probe { name: u.name, span: u.span, called: true });
        }
    }
    for s in serialized {
        if !probes.iter().any(|p| p.name == s.name) {
            probes.push(Probe { name: s.name.clone(), span: s.span, called: false });
        }
    }
    if errors.is_empty() {
        Ok(probes)
    } else {
        Err(errors)
    }
}

/// The called C functions as the DWARF describes them; every probed name must be a
/// function.
fn functions(probes: &[Probe], found: &HashMap<String, Probed>) -> Result<Vec<CFunc>, Vec<Diagnostic>> {
    let mut funcs = Vec::new();
    let mut errors = Vec::new();
    for Probe { name, span, called } in probes {
        let error = |message: String| Diagnostic::new(*span, message);
        match found.get(name) {
            Some(Probed::Func { params, result, variadic }) if *called => funcs.push(CFunc {
                name: name.clone(),
                params: params.clone(),
                result: result.clone(),
                variadic: *variadic,
                wrapper: format!("_cgo_w_{name}"),
            }),
            Some(Probed::Func { .. }) => {}
            Some(Probed::NotFunc) if *called => {
                errors.push(error(format!("not supported yet: C.{name} (only C functions and types are supported)")))
            }
            Some(Probed::NotFunc) => errors.push(error(format!("morestack:serialize: C.{name} is not a C function"))),
            None => errors.push(error(format!("cgo: no DWARF for C.{name}"))),
        }
    }
    if errors.is_empty() {
        Ok(funcs)
    } else {
        Err(errors)
    }
}

/// Builds one shared object; a failure becomes diagnostics: Go's `could not
/// determine kind of name for C.NAME` for each name that is not declared, then the
/// compiler's other errors.
fn build(
    preamble: &Preamble,
    probes: &[Probe],
    dir: &std::path::Path,
    stem: &str,
    source: &str,
) -> Result<PathBuf, Vec<Diagnostic>> {
    let stderr = match cc::build(dir, stem, source) {
        Ok(object) => return Ok(object),
        Err(cc::Failure::NotRun(message)) => return Err(vec![preamble.error(message)]),
        Err(cc::Failure::Failed(stderr)) => stderr,
    };
    let report = cc::report(&stderr, preamble);
    let spans: HashMap<&str, Span> = probes.iter().map(|p| (p.name.as_str(), p.span)).collect();
    let mut diagnostics: Vec<Diagnostic> = report
        .undeclared
        .iter()
        .map(|name| {
            let span = spans.get(name.as_str()).copied().unwrap_or(preamble.import_span);
            Diagnostic::new(span, format!("could not determine kind of name for C.{name}"))
        })
        .collect();
    diagnostics.extend(report.errors);
    Err(diagnostics)
}
