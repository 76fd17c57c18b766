//! One file per subcommand: its arguments and its `run` function.

pub mod agenda;
pub mod audit;
pub mod blockers;
pub mod check;
pub mod checkins;
pub mod completions;
pub mod demo;
pub mod digest;
pub mod edit;
pub mod explain;
pub mod fix;
pub mod init;
pub mod log;
pub mod lsp;
pub mod man;
pub mod mcp;
pub mod new;
pub mod packet;
pub mod schema;
pub mod site;
pub mod status;

use std::io::Write;

use crate::cli::{Cli, Command, GlobalArgs, ReportArgs};
use crate::config::Config;
use crate::error::Error;
use crate::history;
use crate::render::report::Report;
use crate::render::table::{self, Cell, Table};
use crate::workspace::{AddedDates, Workspace};
use anstyle::{AnsiColor, Color, Style};

/// How a command ended, as the process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: done; for `check`, no errors (and no warnings under `--deny-warnings`).
    Success = 0,
    /// 1: `check` found problems; `digest --post` could not post.
    Findings = 1,
    /// 2: a usage error, a bad repository or configuration, or an internal error.
    Failure = 2,
}

/// Runs one parsed command line.
pub fn run(cli: &Cli, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    match &cli.command {
        Command::Check(args) => check::run(&cli.global, args, io),
        Command::Rules(args) => explain::rules(&cli.global, args, io),
        Command::Explain(args) => explain::explain(&cli.global, args, io),
        Command::Log(args) => log::run(&cli.global, args, io),
        Command::Init(args) => init::run(&cli.global, args, io),
        Command::New(args) => new::run(&cli.global, args, io),
        Command::Set(args) => edit::set(&cli.global, args, io),
        Command::Tick(args) => edit::tick(&cli.global, args, true, io),
        Command::Untick(args) => edit::tick(&cli.global, args, false, io),
        Command::Report(args) => edit::report(&cli.global, args, io),
        Command::Fix(args) => fix::run(&cli.global, args, io),
        Command::Schema(args) => schema::run(&cli.global, args, io),
        Command::Completions(args) => completions::run(args, io),
        Command::Man(args) => man::run(args, io),
        Command::Packet(args) => packet::run(&cli.global, args, io),
        Command::Audit(args) => audit::run(&cli.global, args, io),
        Command::Lsp(args) => lsp::run(&cli.global, args, io),
        Command::Mcp(args) => mcp::run(&cli.global, args, io),
        Command::Site(args) => site::run(&cli.global, args, io),
        Command::Demo(args) => demo::run(&cli.global, args, io),
        Command::Status(args) => status::run(&cli.global, args, io),
        Command::Blockers(args) => blockers::run(&cli.global, args, io),
        Command::Checkins(args) => checkins::run(&cli.global, args, io),
        Command::Digest(args) => digest::run(&cli.global, args, io),
        Command::Agenda(args) => agenda::run(&cli.global, args, io),
    }
}

/// Where a command writes: results to `out`, notes to `err`.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Whether `out` should be colored.
    pub color: bool,
}

/// Finds the goal repository of a command that reads or writes the working
/// tree. A bare repository has none, and is refused.
pub fn config(global: &GlobalArgs) -> Result<Config, Error> {
    let config = find(global)?;
    history::refuse_bare(&config)?;
    Ok(config)
}

/// Finds the goal repository of a command that reads only history (`log`,
/// `packet`, `audit`): in a bare repository, its git folder, whose
/// goalpost.yml [`history::config_for`] reads from the revision's tree.
pub fn history_config(global: &GlobalArgs) -> Result<Config, Error> {
    find(global)
}

/// The goal repository the global flags name: `--repo`, else the current
/// folder's; run inside a bare repository, its git folder.
fn find(global: &GlobalArgs) -> Result<Config, Error> {
    let found = match &global.repo {
        Some(dir) => Config::discover(dir, true),
        None => {
            let cwd = std::env::current_dir().map_err(|source| Error::Io {
                path: ".".into(),
                source,
            })?;
            Config::discover(&cwd, false)
        }
    };
    match found {
        Err(Error::NoRepository { start }) => match history::bare_at(&start) {
            Some(dir) => Ok(Config::defaults(dir)),
            None => Err(Error::NoRepository { start }),
        },
        found => found,
    }
}

/// Reads the working tree; documents that cannot be read are skipped with a
/// one-line note (`check` lists them).
pub fn load(global: &GlobalArgs, io: &mut Output<'_>) -> Result<(Config, Workspace), Error> {
    let config = config(global)?;
    let ws = read_workspace(global, io, &config)?;
    let skipped = ws.file_count() - ws.documents.iter().filter(|d| d.model.is_some()).count();
    if skipped > 0 && !global.quiet {
        writeln!(
            io.err,
            "note: {skipped} document{} could not be read and {} skipped; run `goalpost check` for details",
            if skipped == 1 { "" } else { "s" },
            if skipped == 1 { "was" } else { "were" },
        )?;
    }
    Ok((config, ws))
}

/// Reads the working tree through the cache under `.git/goalpost/` (unless
/// `--no-cache`, or outside a repository git can open), printing its notes.
pub fn read_workspace(
    global: &GlobalArgs,
    io: &mut Output<'_>,
    config: &Config,
) -> Result<Workspace, Error> {
    let (ws, notes) = Workspace::load_cached(config, global.cache())?;
    for note in notes {
        writeln!(io.err, "note: {note}")?;
    }
    Ok(ws)
}

/// When git says the files of undated projects were added, for check-ins.
/// A repository git cannot read leaves them undated, with a note that says
/// so, rather than stopping a view or `check`.
pub fn added_dates(
    global: &GlobalArgs,
    io: &mut Output<'_>,
    config: &Config,
    ws: &Workspace,
) -> Result<AddedDates, Error> {
    match ws.added_dates(config) {
        Ok(dating) => {
            if let Some(cut) = dating.cut
                && !dating.cut_off.is_empty()
                && !global.quiet
            {
                let n = dating.cut_off.len();
                let shown: Vec<&str> = dating.cut_off.iter().take(3).map(String::as_str).collect();
                writeln!(
                    io.err,
                    "note: {}, so git cannot tell when {n} project file{} {} added ({}{}); check-ins of projects without `created` or any update are not measured\n  help: {}, or give the projects a `created:` date",
                    cut.what(),
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "was" } else { "were" },
                    shown.join(", "),
                    if n > shown.len() { ", …" } else { "" },
                    cut.help(),
                )?;
            }
            Ok(dating.dates)
        }
        Err(err) => {
            if !global.quiet {
                writeln!(
                    io.err,
                    "note: cannot tell from git when project files were added, so check-ins of projects without `created` or any update are not measured: {err}"
                )?;
            }
            Ok(AddedDates::new())
        }
    }
}

/// Output formats of the team views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Table,
    Json,
}

/// Writes a view: its rows as JSON, or as a table (or `empty` when there
/// are no rows) fitted to the terminal.
pub fn emit<R: serde::Serialize, const N: usize>(
    io: &mut Output<'_>,
    format: TableFormat,
    rows: &[R],
    empty: &str,
    table: &Table<'_, N>,
    cells: impl Fn(&R) -> [Cell; N],
) -> Result<(), Error> {
    match format {
        TableFormat::Json => json(io, &rows)?,
        TableFormat::Table if rows.is_empty() => writeln!(io.out, "{empty}")?,
        TableFormat::Table => {
            let cells: Vec<[Cell; N]> = rows.iter().map(cells).collect();
            table::write(io.out, terminal_width(), io.color, table, &cells)?;
        }
    }
    Ok(())
}

/// The colour of what needs attention now (blocked, overdue, late), as
/// errors are in `check`.
pub const ALERT: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Red)));

/// The colour of what may soon need it (at risk, in grace), as warnings are.
pub const CAUTION: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Yellow)));

/// Writes a value as pretty JSON and a newline.
pub fn json(io: &mut Output<'_>, value: &impl serde::Serialize) -> Result<(), Error> {
    serde_json::to_writer_pretty(&mut *io.out, value).map_err(std::io::Error::from)?;
    writeln!(io.out)?;
    Ok(())
}

/// The width tables fit: `COLUMNS` (set it to force a width), else the
/// terminal's, else 120.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout())
                .map(|(terminal_size::Width(w), _)| usize::from(w))
        })
        .unwrap_or(120)
}

/// A progress bar on stderr for long history walks: shown only when stderr
/// is a terminal and `--quiet` is not given.
/// Delivers a rendered report (a packet, an audit): its notes on stderr
/// (unless `--quiet`), then the text to `output` — written atomically,
/// replacing a file only with `force` — or to stdout.
pub fn report(
    global: &GlobalArgs,
    io: &mut Output<'_>,
    notes: &[String],
    text: &str,
    output: Option<&std::path::Path>,
    force: bool,
) -> Result<(), Error> {
    if !global.quiet {
        for note in notes {
            writeln!(io.err, "note: {note}")?;
        }
    }
    match output {
        Some(path) => {
            let replace = if force {
                crate::write::Replace::Allowed
            } else {
                crate::write::Replace::Never
            };
            crate::write::atomic(path, text.as_bytes(), replace)?;
            if !global.quiet {
                writeln!(io.err, "wrote {}", path.display())?;
            }
        }
        None => io.out.write_all(text.as_bytes())?,
    }
    Ok(())
}

/// The one path of a report command: generate (with a progress display
/// while history is read), render in the format asked, deliver.
pub fn run_report<R: Report>(
    global: &GlobalArgs,
    io: &mut Output<'_>,
    args: &ReportArgs,
    root: &std::path::Path,
    generate: impl FnOnce(&(dyn Fn() + Sync)) -> Result<R, Error>,
) -> Result<ExitStatus, Error> {
    let progress = progress(global);
    let generated = generate(&|| progress.inc(1))?;
    progress.finish_and_clear();
    let text = generated.render(args.format, root)?;
    report(
        global,
        io,
        generated.warnings(),
        &text,
        args.output.as_deref(),
        args.force,
    )?;
    Ok(ExitStatus::Success)
}

pub fn progress(global: &GlobalArgs) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if global.quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {pos} commits")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message("reading history:");
    bar
}

/// The files and folders given on the command line, relative to the root.
pub struct PathFilter {
    prefixes: Vec<String>,
}

impl PathFilter {
    pub fn new(root: &std::path::Path, paths: &[std::path::PathBuf]) -> Result<Self, Error> {
        let mut prefixes = Vec::new();
        for path in paths {
            let full = path.canonicalize().map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            let rel = full.strip_prefix(root).map_err(|_| {
                Error::usage(format!(
                    "{} is outside the goal repository at {}",
                    path.display(),
                    root.display()
                ))
            })?;
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            prefixes.push(rel.join("/"));
        }
        Ok(Self { prefixes })
    }

    pub fn is_all(&self) -> bool {
        self.prefixes.is_empty() || self.prefixes.iter().any(String::is_empty)
    }

    pub fn keeps(&self, path: &str) -> bool {
        self.is_all()
            || self.prefixes.iter().any(|p| {
                path == p
                    || (path.starts_with(p.as_str()) && path.as_bytes().get(p.len()) == Some(&b'/'))
            })
    }
}
