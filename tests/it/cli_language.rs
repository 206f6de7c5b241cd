//! `noden …` speaks the language the shell asks for: English for `LANG=en_GB.UTF-8`, Swedish
//! for `sv_SE.UTF-8`, "C" or nothing set; `LC_ALL` before `LC_MESSAGES` before `LANG`.

use std::ffi::OsStr;
use std::path::Path;

use crate::harness::{Backend, TestDb, noden_command, on_both_backends, output};

on_both_backends!(the_command_line_speaks_the_language_the_shell_asks_for);

/// Runs `noden ARGS…` with the locale variables `locale` (name, value) and no others; gives
/// whether it succeeded, its standard output and its standard error.
async fn noden(
    db: &TestDb,
    data_dir: &Path,
    locale: &[(&str, &str)],
    args: &[&OsStr],
) -> (bool, String, String) {
    let mut command = noden_command(&db.url, data_dir);
    command.args(args);
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(name);
    }
    command.envs(locale.iter().copied());
    let out = output(command).await;
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn the_command_line_speaks_the_language_the_shell_asks_for(backend: Backend) {
    let db = TestDb::new(&backend).await;
    let data = tempfile::tempdir().unwrap();
    let migrate = [OsStr::new("migrate")];
    let english = [("LANG", "en_GB.UTF-8")];
    let swedish = [("LANG", "sv_SE.UTF-8")];

    let (ok, _, err) = noden(&db, data.path(), &english, &migrate).await;
    assert!(ok, "{err}");
    assert!(err.contains("The database is up to date."), "{err}");
    assert!(!err.contains("Databasen"), "{err}");
    let saying_swedish: [&[(&str, &str)]; 5] = [
        &swedish,
        &[],
        &[("LANG", "C.UTF-8")],
        &[("LC_ALL", "sv_SE.UTF-8"), ("LANG", "en_GB.UTF-8")],
        &[("LC_MESSAGES", "POSIX"), ("LANG", "en_GB.UTF-8")],
    ];
    for locale in saying_swedish {
        let (ok, _, err) = noden(&db, data.path(), locale, &migrate).await;
        assert!(ok, "{err}");
        assert!(
            err.contains("Databasen är uppdaterad."),
            "{locale:?}: {err}"
        );
    }
    let (_, _, err) = noden(
        &db,
        data.path(),
        &[("LC_ALL", "en_US.UTF-8"), ("LANG", "sv_SE.UTF-8")],
        &migrate,
    )
    .await;
    assert!(err.contains("The database is up to date."), "{err}");

    // A folder with one good file and one broken: the progress, the failure and the summary.
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("bra.md"),
        "# Nattkamera i hemtjänsten\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        folder.path().join("trasig.md"),
        "---\ntitle: [oavslutad\n---\ntext\n",
    )
    .unwrap();
    let import = [OsStr::new("import"), folder.path().as_os_str()];
    let (ok, out, err) = noden(&db, data.path(), &english, &import).await;
    assert!(!ok, "a broken file fails the run");
    assert!(
        out.contains("Import finished: 1 imported, 0 updated, 0 unchanged, 1 failed."),
        "{out}\n{err}"
    );
    let failure = err
        .lines()
        .find(|l| l.contains("trasig.md"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        failure.trim_start_matches('\r').starts_with("ERROR "),
        "{failure}"
    );
    assert!(failure.contains("invalid front matter"), "{failure}");
    assert!(
        err.contains("Importing… 2 of 2 files") && err.contains("files/s, done in"),
        "{err}"
    );
    assert!(
        !err.contains("Importerar") && !err.contains("FEL "),
        "{err}"
    );

    let (ok, out, err) = noden(&db, data.path(), &swedish, &import).await;
    assert!(!ok);
    assert!(
        out.contains("Import klar: 0 importerade, 0 uppdaterade, 1 oförändrade, 1 misslyckades."),
        "{out}\n{err}"
    );
    let failure = err
        .lines()
        .find(|l| l.contains("trasig.md"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(failure.starts_with("FEL "), "{failure}");
    assert!(failure.contains("ogiltig front matter"), "{failure}");
    assert!(
        err.contains("Importerar… 2 av 2 filer") && err.contains("filer/s, klart om"),
        "{err}"
    );

    // A refusal before the database is opened.
    let set_role = [
        OsStr::new("users"),
        OsStr::new("set-role"),
        OsStr::new("vem@example.se"),
        OsStr::new("chef"),
    ];
    let (ok, _, err) = noden(&db, data.path(), &english, &set_role).await;
    assert!(!ok);
    assert!(
        err.contains("noden: Unknown role \"chef\". Choose from: member, coach"),
        "{err}"
    );
    let (ok, _, err) = noden(&db, data.path(), &[], &set_role).await;
    assert!(!ok);
    assert!(
        err.contains("noden: Okänd roll \"chef\". Välj bland: member, coach"),
        "{err}"
    );
}
