//! The `goalpost` binary: parse the command line, run it, exit.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use goalpost::Error;
use goalpost::cli::{Cli, ColorChoice};
use goalpost::commands::{ExitStatus, Output};

fn main() -> ExitCode {
    bound_git_memory();
    // A panic is a bug: say so in one readable line and exit with status 2
    // (SPEC: "an internal error"), not with Rust's own message and 101.
    std::panic::set_hook(Box::new(report_bug));
    std::panic::catch_unwind(run).unwrap_or(ExitCode::from(ExitStatus::Failure as u8))
}

/// How much of a pack libgit2 maps at a time, and in all. Its defaults
/// (1 GiB windows, 8 GiB in all on 64-bit systems) let a walk of a large
/// history keep every page of the pack it touched mapped: a one-quarter
/// packet at 800 people peaked at 669 MB, 409 MB of it the pack. Windows
/// of 32 MiB under a 128 MiB limit are unmapped as the walk moves on: the
/// same packet peaked at 300 MB and took 1% longer (117.6 s vs 116.2 s).
/// 16 MiB under 64 MiB took a one-year packet from 269 to 258 MiB (172.0 s
/// vs 174.0 s), and on the same history kept by month from 285–307 to 275.
const GIT_WINDOW: usize = 16 << 20;
const GIT_MAPPED: usize = 64 << 20;

/// Bounds libgit2's mapped pack windows. The options are plain C globals
/// that libgit2 reads without synchronisation, hence `unsafe`; they are set
/// here, the first thing `main` does, before any thread exists.
#[allow(unsafe_code)]
fn bound_git_memory() {
    // SAFETY: no other thread exists yet (nothing has run before `main`'s
    // first statement), so nothing reads these globals concurrently.
    unsafe {
        let _ = git2::opts::set_mwindow_size(GIT_WINDOW);
        let _ = git2::opts::set_mwindow_mapped_limit(GIT_MAPPED);
    }
}

fn report_bug(info: &std::panic::PanicHookInfo<'_>) {
    let payload = info.payload();
    let cause = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no details");
    let place = info
        .location()
        .map(|l| format!(" ({}:{})", l.file(), l.line()))
        .unwrap_or_default();
    let _ = writeln!(
        std::io::stderr(),
        "error: goalpost {} stopped on an internal error: {cause}{place}\n  help: this is a bug in goalpost, not in your files; please report it with the command you ran",
        env!("CARGO_PKG_VERSION"),
    );
}

fn run() -> ExitCode {
    let cli = Cli::parse();
    #[cfg(debug_assertions)]
    if std::env::var_os("GOALPOST_TEST_PANIC").is_some() {
        // Lets the tests see what a bug looks like to a user.
        panic!("a test asked for a panic");
    }
    let stdout = std::io::stdout();
    let color = match cli.global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    // Not `stdout.lock()` for the whole run: `goalpost mcp` writes its
    // messages from another thread, which would wait for the lock forever.
    let mut out = std::io::BufWriter::new(stdout);
    let mut err = std::io::stderr();
    let result = goalpost::commands::run(
        &cli,
        &mut Output {
            out: &mut out,
            err: &mut err,
            color,
        },
    )
    .and_then(|status| {
        out.flush()?;
        Ok(status)
    });
    let status = match result {
        Ok(status) => status,
        // A closed pipe (`goalpost check | head`) is not a failure.
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Success,
        Err(e) => {
            drop(out);
            let _ = writeln!(err, "error: {e}");
            ExitStatus::Failure
        }
    };
    ExitCode::from(status as u8)
}
