//! The worker process, which runs inputs through the compiler, and the supervisor in
//! the parent process, which feeds it and survives its death.
//!
//! A stack overflow or an allocation failure aborts a Rust process; a hang never ends.
//! So the compiler runs in a child, `morestack-fuzz --worker`, and the parent keeps
//! every input until the child has answered: if the child dies, the input that killed
//! it is known, and a new child is started; if it does not answer within the time
//! limit, it is killed and the input counts as a hang.
//!
//! ```text
//!   parent (campaign, Supervisor)                 child (--worker)
//!   ----------------------------                 ----------------
//!   stdin  --[u32 len][UTF-8 text]------------>  read, pipeline::run on a 256 MiB stack
//!   stdout <-[u8 stage][str sig][str key][str report]-- (fd 1 as it was at startup)
//!   stderr <-- anything else the child prints; the last lines explain a crash
//! ```
//!
//! Strings are `u32` little-endian length + bytes; an empty key means no bug. The child
//! moves its original stdout to a private descriptor and points fd 1 at stderr, so a
//! stray `println!` in the compiler cannot corrupt the protocol. It also caps its own
//! address space and disables core dumps: a runaway allocation fails (and is reported)
//! instead of starving a machine shared with other work.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::fd::FromRawFd;
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, ChildStdin, Command, ExitCode, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::pipeline::{self, Bug, Outcome, Stage};

/// The stack of the thread that runs the pipeline. Parsing and checking run on threads
/// of their own with stacks sized for the parser's nesting limit; code generation runs
/// here and recurses over the same trees, so it gets the checker's 256 MiB too.
/// Reserved, not committed.
pub const WORKER_STACK: usize = 256 << 20;

/// The worker's address-space limit: its thread stacks (256 + 256 + 64 MiB reserved)
/// and malloc arenas fit several times over, and no sane compilation needs more.
const ADDRESS_SPACE_LIMIT: u64 = 4 << 30;

/// How many lines of the worker's stderr are kept to explain a crash.
const STDERR_TAIL: usize = 20;

/// Entry point of `morestack-fuzz --worker`.
pub fn worker_main() -> ExitCode {
    limit_resources();
    let output = match protocol_output() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("morestack-fuzz worker: {e}");
            return ExitCode::FAILURE;
        }
    };
    pipeline::install_panic_hook();
    let serve = thread::Builder::new().name("fuzz-worker".into()).stack_size(WORKER_STACK).spawn(move || serve(io::stdin().lock(), output));
    match serve.map(JoinHandle::join) {
        Ok(Ok(Ok(()))) => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}

fn serve(mut input: impl Read, mut output: File) -> io::Result<()> {
    while let Some(text) = read_blob(&mut input)? {
        let outcome = pipeline::run(&String::from_utf8_lossy(&text));
        let mut msg = vec![outcome.stage as u8];
        let (key, report) = outcome.bug.map_or((String::new(), String::new()), |b| (b.key, b.report));
        for s in [&outcome.signature, &key, &report] {
            put_blob(&mut msg, s.as_bytes());
        }
        output.write_all(&msg)?;
    }
    Ok(())
}

fn limit_resources() {
    for (resource, limit) in [(libc::RLIMIT_AS, ADDRESS_SPACE_LIMIT), (libc::RLIMIT_CORE, 0)] {
        let rl = libc::rlimit { rlim_cur: limit, rlim_max: limit };
        // SAFETY: setrlimit only reads the struct, which lives across the call; lowering
        // this process's own limits cannot affect memory safety. Failure is harmless
        // (the limit is a safeguard), so the result is ignored.
        unsafe { libc::setrlimit(resource, &rl) };
    }
    // SAFETY: prctl(PR_SET_PDEATHSIG) takes plain integers. If the parent dies (even
    // killed), the worker gets SIGKILL rather than spinning on as an orphan.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) };
}

/// Moves the original stdout to a new descriptor for the protocol, and points fd 1 at
/// stderr.
fn protocol_output() -> io::Result<File> {
    // SAFETY: fds 1 and 2 are open for the whole life of the process; dup returns a new
    // descriptor that nothing else owns, so the `File` may own and close it.
    unsafe {
        let fd = libc::dup(1);
        if fd < 0 || libc::dup2(2, 1) < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(File::from_raw_fd(fd))
    }
}

fn put_blob(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// Reads one length-prefixed blob; `None` at a clean end of stream.
fn read_blob(r: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut buf = vec![0; u32::from_le_bytes(len) as usize];
    r.read_exact(&mut buf)?;
    Ok(Some(buf))
}

fn read_outcome(r: &mut impl Read) -> io::Result<Option<Outcome>> {
    let mut stage = [0u8; 1];
    match r.read_exact(&mut stage) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let stage = *Stage::ALL.get(stage[0] as usize).ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "bad stage"))?;
    let mut field = || -> io::Result<String> {
        let blob = read_blob(r)?.ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "truncated response"))?;
        Ok(String::from_utf8_lossy(&blob).into_owned())
    };
    let (signature, key, report) = (field()?, field()?, field()?);
    let bug = (!key.is_empty()).then_some(Bug { key, report });
    Ok(Some(Outcome { stage, signature, bug }))
}

/// What became of one input.
pub enum Verdict {
    Done(Outcome),
    /// The worker died; the bug says how (signal, stderr tail).
    Died(Bug),
    /// No answer within the time limit; the worker was killed.
    Hung,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    outcomes: Receiver<Outcome>,
    stderr_tail: Arc<Mutex<VecDeque<String>>>,
    stderr_reader: Option<JoinHandle<()>>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Our own child, by handle; errors mean it is already gone.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Owns the worker process; restarts it after a crash or a hang.
#[derive(Default)]
pub struct Supervisor {
    worker: Option<Worker>,
    /// Workers started so far.
    pub spawns: u64,
}

impl Supervisor {
    fn spawn() -> io::Result<Worker> {
        let mut child = Command::new(std::env::current_exe()?).arg("--worker").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
        let stdin = child.stdin.take().expect("piped stdin");
        let mut stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, outcomes) = mpsc::channel();
        // Ends when the worker's stdout closes, which drops `tx` and tells `run`.
        thread::spawn(move || {
            while let Ok(Some(o)) = read_outcome(&mut stdout) {
                if tx.send(o).is_err() {
                    break;
                }
            }
        });
        let stderr_tail = Arc::new(Mutex::new(VecDeque::new()));
        let tail = Arc::clone(&stderr_tail);
        let stderr_reader = thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                if t.len() == STDERR_TAIL {
                    t.pop_front();
                }
                t.push_back(line);
            }
        });
        Ok(Worker { child, stdin, outcomes, stderr_tail, stderr_reader: Some(stderr_reader) })
    }

    /// Runs one input, starting a worker if there is none.
    pub fn run(&mut self, text: &str, timeout: Duration) -> io::Result<Verdict> {
        if self.worker.is_none() {
            self.worker = Some(Self::spawn()?);
            self.spawns += 1;
        }
        let w = self.worker.as_mut().expect("worker just started");
        let mut msg = Vec::with_capacity(text.len() + 4);
        put_blob(&mut msg, text.as_bytes());
        let answer = match w.stdin.write_all(&msg).and_then(|()| w.stdin.flush()) {
            Ok(()) => w.outcomes.recv_timeout(timeout),
            // The worker is already gone; its exit status tells why.
            Err(_) => Err(RecvTimeoutError::Disconnected),
        };
        match answer {
            Ok(outcome) => Ok(Verdict::Done(outcome)),
            Err(RecvTimeoutError::Timeout) => {
                self.worker = None;
                Ok(Verdict::Hung)
            }
            Err(RecvTimeoutError::Disconnected) => {
                let mut w = self.worker.take().expect("worker present");
                let status = w.child.wait()?;
                if let Some(reader) = w.stderr_reader.take() {
                    let _ = reader.join();
                }
                let tail: Vec<String> = w.stderr_tail.lock().unwrap_or_else(|e| e.into_inner()).iter().cloned().collect();
                Ok(Verdict::Died(death_bug(status, &tail)))
            }
        }
    }
}

/// Describes a dead worker. The key is the line of its stderr that says what killed it
/// (`thread 'parser' has overflowed its stack`, `memory allocation of N bytes failed`)
/// or else the signal or exit status.
fn death_bug(status: ExitStatus, stderr: &[String]) -> Bug {
    let how = match (status.signal(), status.code()) {
        (Some(sig), _) => format!("killed by signal {sig}"),
        (None, Some(code)) => format!("exited with status {code}"),
        (None, None) => "ended".to_string(),
    };
    let telling = stderr.iter().find(|l| l.contains("overflowed its stack") || l.contains("memory allocation") || l.contains("fatal runtime error"));
    let key = match telling {
        Some(l) => format!("crash: {}", pipeline::blur(l.trim())),
        None => format!("crash: {how}"),
    };
    Bug { key, report: format!("the worker process {how}; the last lines of its stderr:\n{}\n", stderr.join("\n")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_round_trip() {
        let mut msg = vec![Stage::CheckError as u8];
        for s in ["CheckError: x", "panic at a.rs:1:2", "boom"] {
            put_blob(&mut msg, s.as_bytes());
        }
        let o = read_outcome(&mut &msg[..]).unwrap().unwrap();
        assert_eq!(o.stage, Stage::CheckError);
        assert_eq!(o.bug, Some(Bug { key: "panic at a.rs:1:2".into(), report: "boom".into() }));
        assert!(read_outcome(&mut &[][..]).unwrap().is_none());
    }

    #[test]
    fn death_keys() {
        let status = ExitStatus::from_raw(6); // SIGABRT
        let b = death_bug(status, &["".into(), "thread 'parser' has overflowed its stack".into(), "fatal runtime error: stack overflow".into()]);
        assert_eq!(b.key, "crash: thread 'parser' has overflowed its stack");
        assert_eq!(death_bug(status, &[]).key, "crash: killed by signal 6");
    }
}
