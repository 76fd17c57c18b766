//! The `goalpost` binary: parse the command line, run it, exit.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use goalpost::cli::{Cli, ColorChoice};
use goalpost::commands::Output;
use goalpost::{Error, ExitStatus};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let color = match cli.global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    let result = goalpost::run(
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
