//! `noden`: the command line. Wiring only; the work happens in the portal crate.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use noden_portal::cli::{Value, said, say};
use noden_portal::clock::Clock;
use noden_portal::config::{Overrides, Settings};
use noden_portal::{IndexLocation, import, open_state};

/// Searches allocate and free many short-lived buffers (posting blocks, documents read for
/// their snippets, token texts): mimalloc does that in a third of the time glibc took.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Noden – the regional collaboration node and knowledge portal for welfare technology.
///
/// The help texts are in English; what the commands say comes in the language the shell asks
/// for (`LC_ALL`, `LC_MESSAGES`, `LANG`: English for `en_…`, else Swedish).
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Configuration file (missing is fine: built-in defaults apply).
    #[arg(
        long,
        global = true,
        default_value = "noden.toml",
        env = "NODEN_CONFIG"
    )]
    config: PathBuf,
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Common {
    /// Data directory for the SQLite file and the search index [default: data].
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Database URL (PostgreSQL or SQLite); default is a SQLite file in the data directory.
    #[arg(long, global = true)]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the portal (migrates the database and loads demo content into an empty one).
    Serve {
        /// Address to listen on [default: 127.0.0.1:8080].
        #[arg(long)]
        bind: Option<String>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Import Markdown (.md), text (.txt), PDF, Word (.docx) and OpenDocument (.odt) files or
    /// folders; importing a file again updates it.
    Import {
        /// Files or folders. A folder's organisations.yaml and categories.yaml are synced too.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Rebuild the search index from the database beside the live one, then switch to it
    /// (a running portal keeps serving and switches on its next pass).
    Reindex,
    /// Write a consistent copy of the database and the attached files into DIR (missing or
    /// empty), with a manifest of checksums; the portal may keep running (docs/operations.md).
    Backup { dir: PathBuf },
    /// Bring the backup in DIR into a fresh data directory and database, then rebuild the
    /// search index from the database.
    Restore { dir: PathBuf },
    /// Manage users.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Manage the peer nodes this node federates with (see docs/federation.md).
    #[command(subcommand)]
    Peers(PeersCommand),
}

#[derive(Subcommand)]
enum PeersCommand {
    /// Trust the node at URL: prints its name and key fingerprint and asks before trusting.
    Add {
        url: String,
        /// What this node shares with it: public, or network (also what signed-in users see).
        #[arg(long, default_value = "public")]
        share: String,
        /// Trust it without asking (for scripts that compared the fingerprint otherwise).
        #[arg(long)]
        yes: bool,
    },
    /// List the trusted nodes and how pulling each goes.
    List,
    /// Stop trusting the node at URL and remove what came from it.
    Remove { url: String },
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Make EMAIL a node administrator (creating the user if needed). The address's domain
    /// must belong to an organisation, or name one with --organisation, which then gains it.
    AddAdmin {
        email: String,
        /// The organisation's code (e.g. 0480 for Nyköping) or its slug.
        #[arg(long)]
        organisation: Option<String>,
    },
    /// Give the user with EMAIL a role: member, coach, coordinator or node_admin.
    SetRole { email: String, role: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let overrides = Overrides {
        bind: match &cli.command {
            Command::Serve { bind } => bind.clone(),
            _ => None,
        },
        data_dir: cli.common.data_dir.clone(),
        database_url: cli.common.database_url.clone(),
    };
    let settings = match Settings::load(&cli.config, &overrides) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("noden: {e}");
            return ExitCode::from(2);
        }
    };
    noden_portal::telemetry::init(settings.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("noden: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let serving = matches!(cli.command, Command::Serve { .. });
    let work = async {
        match run(cli.command, settings).await {
            Ok(code) => code,
            Err(e) => {
                eprintln!("noden: {e:#}");
                ExitCode::FAILURE
            }
        }
    };
    if serving {
        // Every request speaks its reader's language.
        runtime.block_on(work)
    } else {
        runtime.block_on(noden_portal::cli::speaking(
            noden_portal::cli::shell_language(),
            work,
        ))
    }
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve { .. } => noden_portal::serve(settings).await?,
        Command::Migrate => {
            noden_portal::connect_and_migrate(&settings).await?;
            eprintln!("{}", say("cli-migrate-done", &[]));
        }
        Command::Import { paths } => {
            // The database is the truth; a running portal's indexer follows change_log.
            let state = open_state(settings, Clock::System, IndexLocation::Memory).await?;
            let started = std::time::Instant::now();
            let mut shown = false;
            let summary = import::import_paths(&state, &paths, |done, total| {
                eprint!("\r{}", progress_line(done, total, started.elapsed()));
                shown = true;
            })
            .await;
            if shown {
                eprintln!();
            }
            for (path, reason) in &summary.failed {
                let path = path.display().to_string();
                let line = say(
                    "cli-import-failed",
                    &[("path", path.into()), ("reason", reason.as_str().into())],
                );
                eprintln!("{line}");
            }
            for (path, note) in &summary.notes {
                let path = path.display().to_string();
                let line = say(
                    "cli-import-note",
                    &[("path", path.into()), ("note", note_text(note).into())],
                );
                eprintln!("{line}");
            }
            if summary.organisations + summary.categories > 0 {
                let line = say(
                    "cli-import-reference-data",
                    &[
                        ("organisations", summary.organisations.into()),
                        ("categories", summary.categories.into()),
                    ],
                );
                eprintln!("{line}");
            }
            #[allow(clippy::print_stdout)]
            {
                println!("{}", summary.line());
            }
            if !summary.failed.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Reindex => {
            // A running portal polls for changes every index_poll_ms; give it a few rounds.
            let wait = std::time::Duration::from_millis(settings.index_poll_ms.max(50) * 5)
                + std::time::Duration::from_secs(30);
            let (total, outcome) = noden_portal::reindex(settings, reindex_progress, wait).await?;
            eprintln!();
            let total = [("total", Value::from(total))];
            match outcome {
                noden_portal::Reindexed::Swapped => {
                    eprintln!("{}", say("cli-reindex-swapped", &total))
                }
                noden_portal::Reindexed::TakenOver => {
                    eprintln!("{}", say("cli-reindex-taken-over", &total))
                }
                noden_portal::Reindexed::Offered => {
                    eprintln!("{}", say("cli-reindex-offered", &total));
                    return Ok(ExitCode::from(3));
                }
            }
        }
        Command::Backup { dir } => return backup(settings, &dir).await,
        Command::Restore { dir } => return restore(settings, &dir).await,
        Command::Peers(command) => return peers(command, settings).await,
        Command::Users(UsersCommand::AddAdmin {
            email,
            organisation,
        }) => {
            let state = open_state(settings, Clock::System, IndexLocation::Memory).await?;
            // On a fresh machine the organisations come with the content, as on first serve.
            noden_portal::load_content_if_empty(&state).await?;
            let organisation_id = match organisation {
                None => None,
                Some(given) => {
                    let catalog = state.catalog.get();
                    let mut issues = Vec::new();
                    match catalog.organisation_named(&given, "organisation", &mut issues) {
                        Some(o) => Some(o.id),
                        None => return Ok(refused(&issues)),
                    }
                }
            };
            match noden_portal::auth::users::add_admin(&state, &email, organisation_id).await {
                Ok(user) => eprintln!(
                    "{}",
                    say(
                        "cli-users-admin-added",
                        &[
                            ("email", user.email.unwrap_or_default().into()),
                            (
                                "url",
                                state.settings.public_url.trim_end_matches('/').into()
                            ),
                        ],
                    )
                ),
                Err(noden_portal::error::AppError::Invalid(issues)) => {
                    return Ok(refused(&issues));
                }
                Err(e) => return Err(e.into()),
            }
        }
        Command::Users(UsersCommand::SetRole { email, role }) => {
            let Some(role) = noden_portal::auth::Role::parse(&role) else {
                let names: Vec<&str> = noden_portal::auth::Role::ALL
                    .iter()
                    .map(|r| r.as_str())
                    .collect();
                let line = say(
                    "cli-users-unknown-role",
                    &[
                        ("role", role.as_str().into()),
                        ("roles", names.join(", ").into()),
                    ],
                );
                eprintln!("noden: {line}");
                return Ok(ExitCode::from(2));
            };
            let state = open_state(settings, Clock::System, IndexLocation::Memory).await?;
            let by = noden_portal::audit::By::command("noden users set-role");
            match noden_portal::auth::users::set_role(&state, &by, &email, role).await {
                Ok(user) => eprintln!(
                    "{}",
                    say(
                        "cli-users-role-set",
                        &[
                            ("email", user.email.unwrap_or_default().into()),
                            ("role", role.label().to_lowercase().into()),
                        ],
                    )
                ),
                Err(noden_portal::error::AppError::Invalid(issues)) => {
                    return Ok(refused(&issues));
                }
                Err(noden_portal::error::AppError::NotFound(_)) => {
                    eprintln!("noden: {}", said("cli-users-no-such-user", "email", &email));
                    return Ok(ExitCode::from(2));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the reasons of a refusal and gives the exit code for bad input.
fn refused(issues: &[noden_portal::error::FieldIssue]) -> ExitCode {
    for issue in issues {
        eprintln!(
            "noden: {}",
            noden_portal::web::i18n::message(&issue.message)
        );
    }
    ExitCode::from(2)
}

/// The progress of building the search index, on one line.
fn reindex_progress(done: u64, total: u64) {
    let line = say(
        "cli-reindex-progress",
        &[("done", done.into()), ("total", total.into())],
    );
    eprint!("\r{line}");
}

/// What was said about a file whose text could not be read whole, in the command's language.
fn note_text(note: &str) -> String {
    use noden_portal::blobs::text::{NO_TEXT_NOTE, SHORTENED_NOTE};
    match note {
        NO_TEXT_NOTE => say("cli-import-note-no-text", &[]),
        SHORTENED_NOTE => say("cli-import-note-shortened", &[]),
        other => other.to_owned(),
    }
}

/// `noden backup DIR`.
async fn backup(settings: Settings, dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    use noden_portal::backup::{self, BackupError};
    // Only reads: a running portal (perhaps of another version) owns the schema.
    let db = noden_portal::db::connect(&settings.effective_database_url()).await?;
    let blobs = noden_portal::blobs::Blobs::open(&settings)?;
    let step = |what: &str| eprintln!("{what}");
    match backup::backup(&settings, &db, &blobs, dir, Clock::System.now(), step).await {
        Ok(manifest) => {
            let bytes: u64 = manifest.blobs.files.iter().map(|f| f.bytes).sum();
            let line = say(
                "cli-backup-done",
                &[
                    ("dir", dir.display().to_string().into()),
                    ("backend", manifest.database.backend.as_str().into()),
                    (
                        "database_bytes",
                        manifest.database.file.bytes.to_string().into(),
                    ),
                    ("files", manifest.blobs.files.len().into()),
                    ("bytes", bytes.to_string().into()),
                    (
                        "manifest",
                        dir.join(backup::MANIFEST).display().to_string().into(),
                    ),
                ],
            );
            eprintln!("{line}");
            if manifest.node_key == "environment" {
                eprintln!("{}", say("cli-backup-key-in-environment", &[]));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(BackupError::Refused(reason)) => {
            eprintln!("noden: {reason}");
            Ok(ExitCode::from(2))
        }
        Err(e) => Err(e.into()),
    }
}

/// `noden restore DIR`.
async fn restore(settings: Settings, dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    use noden_portal::backup::{self, BackupError};
    let step = |what: &str| eprintln!("{what}");
    let manifest = match backup::restore(&settings, dir, step).await {
        Ok(manifest) => manifest,
        Err(BackupError::Refused(reason)) => {
            eprintln!("noden: {reason}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    // Rebuilding migrates first: a newer Noden than the backup's brings the schema up to date.
    let (total, _) =
        noden_portal::reindex(settings, reindex_progress, std::time::Duration::ZERO).await?;
    eprintln!();
    let line = say(
        "cli-restore-done",
        &[
            (
                "created",
                manifest
                    .created_at
                    .format("%Y-%m-%d %H:%M UTC")
                    .to_string()
                    .into(),
            ),
            ("files", manifest.blobs.files.len().into()),
            ("total", total.into()),
        ],
    );
    eprintln!("{line}");
    Ok(ExitCode::SUCCESS)
}

/// `noden peers …`.
async fn peers(command: PeersCommand, settings: Settings) -> anyhow::Result<ExitCode> {
    use noden_portal::error::AppError;
    use noden_portal::federation::peers::{self, Share};
    let state = open_state(settings, Clock::System, IndexLocation::Memory).await?;
    match command {
        PeersCommand::Add { url, share, yes } => {
            let Some(share) = Share::parse(&share) else {
                eprintln!("noden: {}", said("cli-peers-bad-share", "share", &share));
                return Ok(ExitCode::from(2));
            };
            let document = match peers::preview(&state, &url).await {
                Ok(d) => d,
                Err(AppError::Invalid(issues)) => return Ok(refused(&issues)),
                Err(e) => return Err(e.into()),
            };
            let node = say(
                "cli-peers-node",
                &[
                    ("name", document.name.as_str().into()),
                    ("county", document.county.as_str().into()),
                ],
            );
            eprintln!("{node}");
            eprintln!("{}", said("cli-peers-address", "url", &document.url));
            eprintln!(
                "{}",
                said(
                    "cli-peers-fingerprint",
                    "fingerprint",
                    &document.fingerprint
                )
            );
            eprintln!("{}", said("cli-peers-gets", "share", share.label()));
            if !yes {
                eprint!("{} ", say("cli-peers-confirm", &[]));
                let answer = tokio::task::spawn_blocking(|| {
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line).map(|_| line)
                })
                .await??;
                if !matches!(
                    answer.trim().to_lowercase().as_str(),
                    "j" | "ja" | "y" | "yes"
                ) {
                    eprintln!("{}", say("cli-peers-not-added", &[]));
                    return Ok(ExitCode::from(1));
                }
            }
            let by = noden_portal::audit::By::command("noden peers add");
            match peers::add(&state, &by, &url, share, &document.fingerprint).await {
                Ok(peer) => eprintln!("{}", said("cli-peers-added", "name", &peer.name)),
                Err(AppError::Invalid(issues)) => return Ok(refused(&issues)),
                Err(e) => return Err(e.into()),
            }
        }
        PeersCommand::List => {
            let mut page = 1;
            loop {
                let (rows, total) = peers::page(&state.db, page).await?;
                for peer in &rows {
                    let status = if peer.paused {
                        say("cli-peers-status-paused", &[])
                    } else if !peer.pull {
                        say("cli-peers-status-not-pulled", &[])
                    } else if peer.last_error.is_empty() {
                        say("cli-peers-status-ok", &[])
                    } else {
                        said("cli-peers-status-error", "error", &peer.last_error)
                    };
                    #[allow(clippy::print_stdout)]
                    {
                        println!(
                            "{}\t{}\t{}\t{}\t{}",
                            peer.url,
                            peer.name,
                            peer.share,
                            status,
                            peers::fingerprint(peer)
                        );
                    }
                }
                if page * peers::PER_PAGE >= total {
                    if total == 0 {
                        eprintln!("{}", say("cli-peers-none", &[]));
                    }
                    break;
                }
                page += 1;
            }
        }
        PeersCommand::Remove { url } => {
            let url = match peers::normalise_url(&url) {
                Ok(u) => u,
                Err(AppError::Invalid(issues)) => return Ok(refused(&issues)),
                Err(e) => return Err(e.into()),
            };
            let Some(peer) = peers::find_by_url(&state.db, &url).await? else {
                eprintln!("noden: {}", said("cli-peers-no-such-peer", "url", &url));
                return Ok(ExitCode::from(2));
            };
            let by = noden_portal::audit::By::command("noden peers remove");
            peers::remove(&state, &by, peer.id).await?;
            eprintln!("{}", said("cli-peers-removed", "name", &peer.name));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The import's progress: files done of all, the rate so far and the time left at that rate.
fn progress_line(done: usize, total: usize, elapsed: std::time::Duration) -> String {
    let secs = elapsed.as_secs_f64().max(0.001);
    let rate = done as f64 / secs;
    let left = if rate > 0.0 {
        (total.saturating_sub(done) as f64 / rate).ceil() as u64
    } else {
        0
    };
    let left = if left >= 60 {
        say(
            "cli-import-left-minutes",
            &[
                ("minutes", (left / 60).into()),
                ("seconds", (left % 60).into()),
            ],
        )
    } else {
        said("cli-import-left-seconds", "seconds", left)
    };
    // The spaces wipe what a longer line before left.
    let line = say(
        "cli-import-progress",
        &[
            ("done", done.into()),
            ("total", total.into()),
            ("rate", (rate.round() as u64).into()),
            ("left", left.into()),
        ],
    );
    format!("{line}   ")
}
