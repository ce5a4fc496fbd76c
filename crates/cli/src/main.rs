//! `resilience`: the scoring engine on the command line, for analysts who score many
//! assessments at once. A thin layer over the engine and its crates; arguments by `clap`, one
//! module per command (its options and what it does), what they share in `io`. The benchmarks
//! are another binary, `resilience-bench`.

mod analyse;
mod export_xlsx;
mod framework;
mod import;
mod import_odk;
mod import_reference;
mod io;
mod merge;
mod report;
mod score;
mod validate;
mod xlsform;

use clap::{CommandFactory, Parser, Subcommand};
use io::Failure;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
INPUT is a JSON file (one assessment or {\"assessments\": [...]}) or a CSV file (one row per
respondent: id, unit, date, then indicator ids); - reads standard input. Text files may be UTF-8
(with or without BOM), UTF-16 with BOM, or Windows-1252. Dates are YYYY-MM-DD, YYYY-MM or YYYY.
`resilience COMMAND --help` tells more about each command.
Exit status: 0 success, 2 invalid arguments or input (every problem on stderr as `where: message`),
1 a file that cannot be read or written.";

#[derive(Parser)]
#[command(
    name = "resilience",
    version,
    about = "resilience: structural-resilience scoring for atrocity prevention",
    after_help = AFTER_HELP,
    disable_help_subcommand = false,
    subcommand_required = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Score(score::Args),
    Validate(validate::Args),
    Framework(framework::Args),
    Analyse(analyse::Args),
    Xlsform(xlsform::Args),
    ImportOdk(import_odk::Args),
    ImportReference(import_reference::Args),
    ExportXlsx(export_xlsx::Args),
    Report(report::Args),
    Merge(merge::Args),
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Score(a) => score::run(a),
        Command::Validate(a) => validate::run(a),
        Command::Framework(a) => framework::run(a),
        Command::Analyse(a) => analyse::run(a),
        Command::Xlsform(a) => xlsform::run(a),
        Command::ImportOdk(a) => import_odk::run(a),
        Command::ImportReference(a) => import_reference::run(a),
        Command::ExportXlsx(a) => export_xlsx::run(a),
        Command::Report(a) => report::run(a),
        Command::Merge(a) => merge::run(a),
    }
}

fn main() -> ExitCode {
    // No command: the help, as before (exit 0).
    if std::env::args_os().len() <= 1 {
        let _ = Cli::command().print_help();
        println!();
        return ExitCode::SUCCESS;
    }
    // Usage errors exit 2 and --help / --version 0, through clap.
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("resilience: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Invalid(e)) => {
            eprint!("{}", e.report());
            eprintln!(
                "resilience: {} problem(s) found ({})",
                e.issues.len(),
                e.code
            );
            ExitCode::from(2)
        }
        Err(Failure::Io(msg)) => {
            eprintln!("resilience: {msg}");
            ExitCode::from(1)
        }
    }
}
