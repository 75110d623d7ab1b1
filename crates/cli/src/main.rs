//! The `morestack` command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "morestack", version, about = "A compiler and runtime for a subset of Go, with Go's stack machinery", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  morestack run examples/hello.go        compile with the JIT and run
  morestack build -o hello hello.go      build a native executable
  morestack run --emit=clif prog.go      print the Cranelift IR of every function
  morestack check prog.go                report diagnostics only
  morestack asm --func fib prog.go       machine code of main.fib, prologue included
  morestack test testsuite/              run Go-style test files
  morestack test /usr/share/go-1.19/test/ken
  morestack repl                         an interactive session";

#[derive(Subcommand)]
enum Command {
    /// Compile a Go file with the JIT and run it; exits with the program's status.
    Run {
        file: PathBuf,
        /// Arguments for the program (`os.Args[1:]`); everything after FILE, as with
        /// `go run`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
        /// Print an intermediate form instead of running: `clif` (Cranelift IR).
        #[arg(long, value_name = "FORM", value_parser = ["clif"])]
        emit: Option<String>,
        /// Compile without stack-check prologues and run on one large fixed stack.
        /// Only for measuring the checks' cost; deep recursion then ends in SIGSEGV.
        #[arg(long)]
        no_stack_check: bool,
    },
    /// Compile a Go file into a native executable (docs/aot.md).
    Build {
        file: PathBuf,
        /// The executable to write [default: FILE without `.go`, in the current
        /// directory]; a directory: the executable goes into it.
        #[arg(short = 'o', value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Parse and type-check a Go file; print diagnostics.
    Check {
        file: PathBuf,
        /// Report every error, not only the first ten (Go's `-e`).
        #[arg(short = 'e')]
        all_errors: bool,
    },
    /// Show the machine code of compiled functions, with the stack-check prologue,
    /// the call to morestack_noctxt and the restart, annotated with source lines.
    Asm {
        file: PathBuf,
        /// Only this function (`fib` or `main.fib`; closures as `main.main.func1`).
        #[arg(long = "func", value_name = "NAME")]
        func: Option<String>,
        /// Without stack-check prologues (to compare).
        #[arg(long)]
        no_stack_check: bool,
    },
    /// Run Go-style test files (`// run`, `// errorcheck`, `// compile`).
    Test(morestack_testrunner::TestArgs),
    /// An interactive session: declarations and statements compiled with the JIT as
    /// you type them (docs/repl.md).
    Repl,
    /// Print the version.
    Version,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run { file, args, emit, no_stack_check } => {
            // os.Args[0] is the program's name: its source file, as for a script.
            let args = std::iter::once(file.display().to_string()).chain(args).collect();
            let opts = driver::RunOptions { emit_clif: emit.is_some(), no_stack_check, args };
            match driver::check(&file, driver::Report::First10).and_then(|c| driver::run_jit(&c, &opts)) {
                Ok(status) => ExitCode::from(status as u8),
                Err(e) => fail(e),
            }
        }
        Command::Build { file, output } => {
            // As `go build`: named after the file, in the current directory or in OUT.
            let name = PathBuf::from(file.file_stem().unwrap_or(file.as_os_str()));
            let output = match output {
                Some(dir) if dir.is_dir() => dir.join(name),
                Some(path) => path,
                None => name,
            };
            match driver::check(&file, driver::Report::First10).and_then(|c| driver::build(&c, &output)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(e),
            }
        }
        Command::Asm { file, func, no_stack_check } => {
            let opts = driver::RunOptions { emit_clif: false, no_stack_check, args: Vec::new() };
            match driver::check(&file, driver::Report::First10).and_then(|c| driver::disassemble(&c, func.as_deref(), &opts)) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::Check { file, all_errors } => match driver::check(&file, if all_errors { driver::Report::All } else { driver::Report::First10 }) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        },
        Command::Test(args) => {
            let exe = std::env::current_exe().expect("path of the running executable");
            if morestack_testrunner::run(&args, &exe).success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::Repl => ExitCode::from(repl::run() as u8),
        Command::Version => {
            println!("morestack {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
    }
}

fn fail(e: driver::Error) -> ExitCode {
    match e {
        driver::Error::Diagnostics(_) => eprintln!("{e}"),
        driver::Error::Io(_) => eprintln!("morestack: {e}"),
    }
    ExitCode::FAILURE
}
