//! The command line's messages (`noden …`): texts from the catalogues (keys `cli-…`) in the
//! language the shell asks for.

use std::future::Future;

pub use fluent_bundle::FluentValue as Value;

use crate::web::frame::{self, Frame};
use crate::web::i18n::{self, Lang};

/// The language a locale setting names ("en_GB.UTF-8", "sv_SE"); none for "C", "POSIX"
/// or a language the portal does not speak.
pub fn language_of_locale(value: &str) -> Option<Lang> {
    let name = value.split(['.', '@']).next().unwrap_or("").trim();
    if name.is_empty() || name == "C" || name == "POSIX" {
        return None;
    }
    Lang::parse(name)
}

/// The language the shell asks for: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that
/// is set decides, as for other programs; Swedish when it says "C" or "POSIX", when none is
/// set, or when it names a language the portal does not speak.
pub fn shell_language() -> Lang {
    language_from(|name| std::env::var(name).ok())
}

/// [`shell_language`] with the environment read by `var`.
pub fn language_from(var: impl Fn(&str) -> Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|value| !value.trim().is_empty()))
        .and_then(|value| language_of_locale(&value))
        .unwrap_or_default()
}

/// Runs `work` (a command other than `serve`) with its texts in `lang`.
pub async fn speaking<F: Future>(lang: Lang, work: F) -> F::Output {
    frame::within(
        Frame {
            lang,
            ..Frame::default()
        },
        work,
    )
    .await
}

/// The text `key` in the language being spoken (Swedish while a write is open), with
/// `args` put in.
pub fn say(key: &str, args: &[(&str, Value<'_>)]) -> String {
    i18n::text_with(i18n::lang(), key, args)
}

/// The text `key` in the language being spoken, with `value` put in for `$name`.
pub fn said(key: &str, name: &str, value: impl std::fmt::Display) -> String {
    say(key, &[(name, value.to_string().into())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_language_comes_from_the_first_locale_variable_set() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(language_from(env(&[])), Lang::Sv);
        assert_eq!(language_from(env(&[("LANG", "en_GB.UTF-8")])), Lang::En);
        assert_eq!(language_from(env(&[("LANG", "sv_SE.UTF-8")])), Lang::Sv);
        assert_eq!(language_from(env(&[("LANG", "C.UTF-8")])), Lang::Sv);
        assert_eq!(language_from(env(&[("LANG", "POSIX")])), Lang::Sv);
        assert_eq!(language_from(env(&[("LANG", "de_DE.UTF-8")])), Lang::Sv);
        assert_eq!(
            language_from(env(&[("LC_ALL", ""), ("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            language_from(env(&[("LC_MESSAGES", "C"), ("LANG", "en_GB.UTF-8")])),
            Lang::Sv
        );
        assert_eq!(
            language_from(env(&[("LC_ALL", "en_GB"), ("LC_MESSAGES", "sv_SE")])),
            Lang::En
        );
        assert_eq!(language_of_locale("en_GB.UTF-8@euro"), Some(Lang::En));
    }

    /// The keys `say("…"`, `said("…"` and `text_with(lang, "…"` name in this crate and in
    /// the command line's `src/main.rs`.
    fn keys_said() -> std::collections::BTreeSet<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let files = walkdir::WalkDir::new(root.join("src"))
            .into_iter()
            .flatten()
            .map(|e| e.into_path())
            .chain([root.join("../src/main.rs")]);
        let mut keys = std::collections::BTreeSet::new();
        for file in files {
            let Ok(source) = std::fs::read_to_string(&file) else {
                continue;
            };
            for marker in ["say(\"", "said(\"", "say(\n", "said(\n", "lang,\n"] {
                for (at, _) in source.match_indices(marker) {
                    let rest = source[at + marker.len()..].trim_start();
                    let rest = rest.strip_prefix('"').unwrap_or(rest);
                    if let Some((key, _)) = rest.split_once('"')
                        && key.starts_with("cli-")
                        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    {
                        keys.insert(key.to_owned());
                    }
                }
            }
        }
        keys
    }

    #[test]
    fn every_text_the_command_line_says_is_in_both_catalogues() {
        let said = keys_said();
        for key in [
            "cli-migrate-done",
            "cli-import-summary",
            "cli-backup-client-failed",
        ] {
            assert!(said.contains(key), "{key} not found in {said:?}");
        }
        for lang in Lang::ALL {
            let have: std::collections::BTreeSet<&str> = i18n::keys(lang).into_iter().collect();
            let missing: Vec<_> = said.iter().filter(|k| !have.contains(k.as_str())).collect();
            assert!(missing.is_empty(), "missing in {lang}.ftl: {missing:?}");
        }
    }

    #[test]
    fn numbers_and_plurals_come_out_as_before() {
        let summary = |lang| {
            i18n::text_with(
                lang,
                "cli-import-summary",
                &[
                    ("imported", 1000usize.into()),
                    ("updated", 1usize.into()),
                    ("unchanged", 0usize.into()),
                    ("failed", 2usize.into()),
                ],
            )
        };
        assert_eq!(
            summary(Lang::Sv),
            "Import klar: 1000 importerade, 1 uppdaterade, 0 oförändrade, 2 misslyckades."
        );
        assert_eq!(
            summary(Lang::En),
            "Import finished: 1000 imported, 1 updated, 0 unchanged, 2 failed."
        );
        let progress = |lang, total: usize| {
            i18n::text_with(
                lang,
                "cli-import-progress",
                &[
                    ("done", 1usize.into()),
                    ("total", total.into()),
                    ("rate", 12u64.into()),
                    ("left", "3 s".into()),
                ],
            )
        };
        assert_eq!(
            progress(Lang::Sv, 1),
            "Importerar… 1 av 1 filer, 12 filer/s, klart om 3 s"
        );
        assert_eq!(
            progress(Lang::En, 1),
            "Importing… 1 of 1 file, 12 files/s, done in 3 s"
        );
        assert_eq!(
            progress(Lang::En, 20000),
            "Importing… 1 of 20000 files, 12 files/s, done in 3 s"
        );
        assert_eq!(
            i18n::text(Lang::Sv, "cli-peers-confirm"),
            "Stämmer fingeravtrycket med det nodens förvaltare har gett dig? Lita på noden [j/N]:"
        );
        assert_eq!(
            i18n::text(Lang::Sv, "cli-import-note-no-text"),
            crate::blobs::text::NO_TEXT_NOTE
        );
        assert_eq!(
            i18n::text(Lang::Sv, "cli-import-note-shortened"),
            crate::blobs::text::SHORTENED_NOTE
        );
    }
}
