//! Swedish first, English second: the texts the portal shows come from one Fluent catalogue
//! per language (`portal/locales/sv.ftl`, `portal/locales/en.ftl`), compiled in and read once.
//!
//! The language of a request is in its page frame ([`super::frame::Frame::lang`]): the one the
//! reader chose with the switch on every page (a cookie), else the one their account is set
//! to, else the best match of `Accept-Language`, else Swedish. Templates ask for a text with
//! `{{ crate::web::i18n::t("nav-search") }}`; code that runs outside a page (mail, the CLI) names
//! the language with [`text`]. Addresses stay Swedish in both languages.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language the portal speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The language's tag, for `<html lang>`, the cookie and the account setting.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The language a tag names ("sv", "en-GB"), if the portal speaks it.
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The language of ours that an `Accept-Language` header likes best; Swedish when it likes
    /// neither.
    pub fn from_accept_language(header: &str) -> Lang {
        let requested = fluent_langneg::accepted_languages::parse(header);
        let available: Vec<LanguageIdentifier> = Lang::ALL.iter().map(|l| l.id()).collect();
        let default = Lang::Sv.id();
        fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Lookup,
        )
        .first()
        .and_then(|id| Lang::parse(id.language.as_str()))
        .unwrap_or_default()
    }

    /// Where the language stands in [`Lang::ALL`].
    pub fn index(self) -> usize {
        match self {
            Lang::Sv => 0,
            Lang::En => 1,
        }
    }

    /// The language of ours a request's `Accept-Language` header likes best; Swedish without
    /// one.
    pub fn asked_for(headers: &actix_web::http::header::HeaderMap) -> Lang {
        headers
            .get(actix_web::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::from_accept_language)
            .unwrap_or_default()
    }

    /// The language a user reads mail in: their setting, else Swedish (mail has no browser
    /// to ask).
    pub fn of_setting(setting: Option<&str>) -> Lang {
        setting.and_then(Lang::parse).unwrap_or_default()
    }

    /// The other language, which the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }

    fn id(self) -> LanguageIdentifier {
        self.code().parse().unwrap_or_default()
    }

    fn source(self) -> &'static str {
        match self {
            Lang::Sv => include_str!("../../locales/sv.ftl"),
            Lang::En => include_str!("../../locales/en.ftl"),
        }
    }
}

/// Something said in each language the portal speaks, made before it is known who reads it
/// (a followers' notice, whose readers are found when the write commits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InEach<T>([T; 2]);

impl<T> InEach<T> {
    /// Makes it once per language, each time with texts in that language.
    pub fn make(make: impl Fn() -> T) -> InEach<T> {
        InEach(Lang::ALL.map(|lang| super::frame::speaking(lang, &make)))
    }

    /// What is said in `lang`.
    pub fn get(&self, lang: Lang) -> &T {
        &self.0[lang.index()]
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    // A catalogue that does not parse fails its test; what parsed is used meanwhile.
    let resource =
        FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(partial, _)| partial);
    let mut bundle = FluentBundle::new_concurrent(vec![lang.id()]);
    // Pages are HTML: no Unicode isolation marks around the values put into a text.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(
            ?errors,
            lang = lang.code(),
            "the catalogue has duplicate keys"
        );
    }
    bundle
}

static CATALOGUES: LazyLock<[FluentBundle<FluentResource>; 2]> =
    LazyLock::new(|| [bundle(Lang::Sv), bundle(Lang::En)]);

fn catalogue(lang: Lang) -> &'static FluentBundle<FluentResource> {
    &CATALOGUES[lang.index()]
}

/// The text `key` in `lang`, with `args` put in; the key itself when the catalogue lacks it
/// (a test keeps that from happening).
pub fn text_with(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let bundle = catalogue(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        tracing::warn!(key, lang = lang.code(), "a text missing from the catalogue");
        return key.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(
        pattern,
        (!args.is_empty()).then_some(&fluent_args),
        &mut errors,
    );
    text.into_owned()
}

/// The text `key` in `lang`.
pub fn text(lang: Lang, key: &str) -> String {
    text_with(lang, key, &[])
}

/// The text `key` (one whose name ends in `-html`: the catalogue writes its links as HTML) in
/// `lang` with `args` put in, each escaped for HTML.
pub fn html_with(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let escaped: Vec<(&str, FluentValue<'_>)> = args
        .iter()
        .map(|(name, value)| {
            let value = askama::filters::escape(value, askama::filters::Html)
                .map(|safe| safe.to_string())
                .unwrap_or_default();
            (*name, FluentValue::from(value))
        })
        .collect();
    text_with(lang, key, &escaped)
}

/// A date as `lang` writes it: "14 maj 2024", "14 May 2024".
pub fn date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = text(lang, &format!("month-{}", date.month()));
    text_with(
        lang,
        "date",
        &[
            ("day", FluentValue::from(date.day().to_string())),
            ("month", FluentValue::from(month)),
            ("year", FluentValue::from(date.year().to_string())),
        ],
    )
}

/// The ids of `lang`'s messages (its lines `id = …`), in the catalogue's order.
pub fn keys(lang: Lang) -> Vec<&'static str> {
    lang.source()
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            let id = id.trim_end();
            (id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then_some(id)
        })
        .collect()
}

/// The language of the page being rendered: Swedish outside a request, and while a unit of
/// work is open, as what a write makes (a notice, an e-mail to others, a revision) is kept and
/// read by others.
pub fn lang() -> Lang {
    let frame = super::frame::current();
    if frame.writing.load(std::sync::atomic::Ordering::SeqCst) > 0 {
        Lang::Sv
    } else {
        frame.lang
    }
}

/// The text `key` in the language of the page being rendered.
pub fn t(key: &str) -> String {
    text(lang(), key)
}

/// The text `key` in the language of the page being rendered, with `value` put in for
/// `$name`.
pub fn t_with(key: &str, name: &str, value: &str) -> String {
    text_with(lang(), key, &[(name, FluentValue::from(value))])
}

/// The text `key` in the language of the page being rendered, with each value of `args` put in
/// for its name.
pub fn t_args(key: &str, args: &[(&str, &str)]) -> String {
    let values: Vec<(&str, FluentValue<'_>)> = args
        .iter()
        .map(|(name, value)| (*name, FluentValue::from(*value)))
        .collect();
    text_with(lang(), key, &values)
}

/// The text `key` (one whose name ends in `-html`) in the language of the page being rendered,
/// with `value`, escaped for HTML, put in for `$name`.
pub fn t_html(key: &str, name: &str, value: &str) -> String {
    html_with(lang(), key, &[(name, value)])
}

/// The text `key` in the language of the page being rendered, with the number `count` put in
/// for `$name` (the catalogue may choose the words by it: "1 träff", "2 träffar").
pub fn t_count(key: &str, name: &str, count: impl Into<FluentValue<'static>>) -> String {
    text_with(lang(), key, &[(name, count.into())])
}

/// A service's message (a field issue, a refusal) in the language of the page being rendered:
/// a message is a catalogue key; one that is not (a service that still writes Swedish) is
/// shown as it is.
pub fn message(message: &str) -> String {
    let is_key = !message.is_empty()
        && message
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if is_key && catalogue(lang()).has_message(message) {
        t(message)
    } else {
        message.to_owned()
    }
}

/// The thing an error names ("rapporten", "Behovet": Swedish, with its article, as the
/// services write it) in the language of the page being rendered, from the catalogue key
/// `thing-` and the name folded to ASCII ("thing-instammandet", "thing-sidan-du-soker").
pub fn thing(swedish: &str) -> String {
    let key = thing_key(swedish);
    if catalogue(lang()).has_message(&key) {
        t(&key)
    } else {
        swedish.to_lowercase()
    }
}

fn thing_key(swedish: &str) -> String {
    let folded: String = swedish
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            ' ' => '-',
            c => c,
        })
        .collect();
    format!("thing-{folded}")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn key_set(lang: Lang) -> BTreeSet<String> {
        keys(lang).into_iter().map(str::to_owned).collect()
    }

    /// The keys asked for with `i18n::t("…")`, `i18n::text(…, "…")` or a page's own
    /// `self.text("…")` in the templates and the source.
    fn keys_used() -> BTreeSet<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut used = BTreeSet::new();
        for dir in ["templates", "src"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                // This file's own scanning code looks like what it scans for.
                if entry.path().ends_with("web/i18n.rs") {
                    continue;
                }
                let Ok(source) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                used.extend(vocabulary_keys(&source));
                used.extend(message_keys(&source));
                let markers = [
                    ("i18n::t(\"", false),
                    ("i18n::t_with(\"", false),
                    ("i18n::t_args(\"", false),
                    ("i18n::t_count(\"", false),
                    ("i18n::t_html(\"", false),
                    ("self.text(\"", false),
                    ("i18n::text(", true),
                    ("i18n::text_with(", true),
                    ("i18n::html_with(", true),
                ];
                for (marker, skip_arg) in markers {
                    let mut rest = source.as_str();
                    while let Some(at) = rest.find(marker) {
                        rest = &rest[at + marker.len()..];
                        // After the language: the call's first string literal, unless a
                        // list of values or the call's end comes first (the key is then not
                        // a literal).
                        let args = if skip_arg {
                            match rest.split_once('"') {
                                Some((before, after)) if second_argument(before) => after,
                                _ => continue,
                            }
                        } else {
                            rest
                        };
                        if let Some((key, _)) = args.split_once('"')
                            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                            && !key.is_empty()
                        {
                            used.insert(key.to_owned());
                        }
                    }
                }
            }
        }
        used
    }

    /// Whether `before` (what follows a call's opening parenthesis up to a string literal) is
    /// the call's first argument and nothing else: the literal is then its second.
    fn second_argument(before: &str) -> bool {
        let mut depth = 0_i32;
        let mut commas = 0;
        for c in before.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => commas += 1,
                '[' | ';' | '{' | '}' => return false,
                _ => {}
            }
            if depth < 0 {
                return false;
            }
        }
        depth == 0 && commas == 1
    }

    /// The message keys `source` writes as string literals: a service's messages (field
    /// issues, refusals) are keys with `error` as one of their parts, not the last
    /// ("needs-error-title"; "title-error" is an element's id),
    /// shown in the reader's language where they are shown ([`message`]).
    fn message_keys(source: &str) -> Vec<String> {
        source
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|literal| {
                let parts: Vec<&str> = literal.split('-').collect();
                parts.len() > 1
                    && parts[..parts.len() - 1].contains(&"error")
                    && parts.iter().all(|part| {
                        !part.is_empty()
                            && part
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                    })
            })
            .map(str::to_owned)
            .collect()
    }

    /// The keys of the vocabularies `source` declares: each list's own and `{key}-{value}`
    /// for each of its values.
    fn vocabulary_keys(source: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for declaration in source.split("vocabulary!(").skip(1) {
            let end = declaration
                .lines()
                .position(|line| line.trim() == ");")
                .unwrap_or(0);
            let declaration = declaration.lines().take(end).collect::<Vec<_>>().join("\n");
            let Some((_, after)) = declaration.split_once(" (\"") else {
                continue;
            };
            let Some((key, body)) = after.split_once("\")") else {
                continue;
            };
            keys.push(key.to_owned());
            for line in body.lines() {
                if let Some((_, value)) = line.split_once("=> \"")
                    && let Some((value, _)) = value.split_once('"')
                {
                    keys.push(format!("{key}-{value}"));
                }
            }
        }
        keys
    }

    #[test]
    fn both_catalogues_parse_and_have_the_same_keys() {
        for lang in Lang::ALL {
            if let Err((_, errors)) = FluentResource::try_new(lang.source().to_owned()) {
                panic!("{lang}.ftl does not parse: {errors:?}");
            }
        }
        let swedish = key_set(Lang::Sv);
        let english = key_set(Lang::En);
        assert!(swedish.len() > 10, "{swedish:?}");
        let only_sv: Vec<_> = swedish.difference(&english).collect();
        let only_en: Vec<_> = english.difference(&swedish).collect();
        assert!(only_sv.is_empty(), "missing in en.ftl: {only_sv:?}");
        assert!(only_en.is_empty(), "missing in sv.ftl: {only_en:?}");
    }

    #[test]
    fn every_text_asked_for_is_in_both_catalogues() {
        let used = keys_used();
        assert!(used.contains("nav-search"), "{used:?}");
        assert!(used.contains("trial-phase-pagar"), "{used:?}");
        for lang in Lang::ALL {
            let have = key_set(lang);
            let missing: Vec<_> = used.difference(&have).collect();
            assert!(missing.is_empty(), "missing in {lang}.ftl: {missing:?}");
        }
    }

    /// `source` without the parts between `open` and `close` (each replaced by a space).
    fn without(source: &str, open: &str, close: &str) -> String {
        let mut kept = String::new();
        let mut rest = source;
        while let Some(at) = rest.find(open) {
            kept.push_str(&rest[..at]);
            kept.push(' ');
            rest = match rest[at + open.len()..].find(close) {
                Some(end) => &rest[at + open.len() + end + close.len()..],
                None => "",
            };
        }
        kept.push_str(rest);
        kept
    }

    /// Whether `text` holds a word (two letters in a row) other than the name "Noden".
    fn has_words_of_its_own(text: &str) -> bool {
        let text = text.replace("Noden", "");
        let letters: Vec<bool> = text.chars().map(char::is_alphabetic).collect();
        letters.windows(2).any(|w| w[0] && w[1])
    }

    /// The words a template writes itself instead of taking them from the catalogue: text
    /// between tags, the attributes a reader hears or sees (placeholder, aria-label, title,
    /// alt), and for a plain-text mail every line.
    fn literal_text(template: &str, plain: bool) -> Vec<String> {
        let mut source = without(template, "{#", "#}");
        for (open, close) in [
            ("{%", "%}"),
            ("{{", "}}"),
            ("<script", "</script>"),
            ("<style", "</style>"),
        ] {
            source = without(&source, open, close);
        }
        if plain {
            return source
                .lines()
                .map(str::trim)
                .filter(|line| has_words_of_its_own(line))
                .map(str::to_owned)
                .collect();
        }
        let mut found = Vec::new();
        for (i, part) in source.split('<').enumerate() {
            let (tag, text) = if i == 0 {
                ("", part)
            } else {
                part.split_once('>').unwrap_or((part, ""))
            };
            if has_words_of_its_own(text) {
                found.push(text.trim().to_owned());
            }
            for attribute in ["placeholder=\"", "aria-label=\"", "title=\"", "alt=\""] {
                for value in tag.split(attribute).skip(1) {
                    let value = value.split('"').next().unwrap_or("");
                    if has_words_of_its_own(value) {
                        found.push(format!("{attribute}{value}\""));
                    }
                }
            }
        }
        found
    }

    /// Templates whose words are still their own (Swedish only), to be moved to the catalogues.
    const NOT_YET_IN_THE_CATALOGUES: &[&str] = &[];

    #[test]
    fn templates_take_their_words_from_the_catalogues() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut own = Vec::new();
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(&root).into_iter().flatten() {
            let path = entry.path();
            let Ok(template) = std::fs::read_to_string(path) else {
                continue;
            };
            seen += 1;
            let name = path
                .strip_prefix(&root)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            let plain = name.ends_with(".txt");
            let words = literal_text(&template, plain);
            let pending = NOT_YET_IN_THE_CATALOGUES.contains(&name.as_str());
            if !words.is_empty() && !pending {
                own.push(format!("{name}: {words:?}"));
            }
            if words.is_empty() && pending {
                own.push(format!(
                    "{name} is done: take it off NOT_YET_IN_THE_CATALOGUES"
                ));
            }
        }
        assert!(seen > 50, "{seen} templates read");
        assert!(
            own.is_empty(),
            "words not from the catalogues:\n{}",
            own.join("\n")
        );
        // The check sees words where they are.
        assert_eq!(
            literal_text("<p title=\"Hej\">Tack {{ x }}</p>", false),
            ["Tack", "title=\"Hej\""]
        );
        assert!(literal_text("<p>{{ t(\"k\") }} · Noden 2024</p>", false).is_empty());
    }

    #[test]
    fn no_key_is_in_a_catalogue_twice() {
        for lang in Lang::ALL {
            let mut seen = BTreeSet::new();
            let twice: Vec<_> = keys(lang)
                .into_iter()
                .filter(|k| !seen.insert(*k))
                .collect();
            assert!(twice.is_empty(), "twice in {lang}.ftl: {twice:?}");
        }
    }

    #[test]
    fn every_thing_an_error_names_has_its_words() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = BTreeSet::new();
        for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
            let Ok(source) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for marker in ["NotFound(\"", "Gone(\""] {
                for after in source.split(marker).skip(1) {
                    let thing = after.split('"').next().unwrap_or("");
                    for lang in Lang::ALL {
                        if !catalogue(lang).has_message(&thing_key(thing)) {
                            missing.insert(format!("{lang}: {}", thing_key(thing)));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
        assert_eq!(thing_key("sidan du söker"), "thing-sidan-du-soker");
    }

    #[test]
    fn the_language_is_negotiated_from_accept_language() {
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Lang::En);
        assert_eq!(
            Lang::from_accept_language("sv-SE,sv;q=0.9,en;q=0.8"),
            Lang::Sv
        );
        assert_eq!(Lang::from_accept_language("de-DE,en;q=0.5"), Lang::En);
        assert_eq!(Lang::from_accept_language("fi, de"), Lang::Sv);
        assert_eq!(Lang::from_accept_language(""), Lang::Sv);
        assert_eq!(Lang::parse("EN-us"), Some(Lang::En));
        assert_eq!(Lang::parse("fi"), None);
    }

    #[test]
    fn dates_and_html_come_in_the_language_asked_for() {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 14).unwrap();
        assert_eq!(date(Lang::Sv, day), "14 maj 2024");
        assert_eq!(date(Lang::En, day), "14 May 2024");
        let html = html_with(Lang::En, "a11y-alternative-html", &[("email", "a<b>@x.se")]);
        assert!(
            html.contains("<a href=\"mailto:a&#60;b&#62;@x.se\">"),
            "{html}"
        );
    }

    #[test]
    fn texts_come_in_the_language_asked_for() {
        assert_eq!(text(Lang::Sv, "nav-search"), "Sök");
        assert_eq!(text(Lang::En, "nav-search"), "Search");
        assert_eq!(text(Lang::En, "no-such-key"), "no-such-key");
    }

    #[test]
    fn a_services_message_is_a_key_shown_in_the_readers_language() {
        assert_eq!(message("error-invalid-value"), "Ogiltigt värde.");
        let english = super::super::frame::speaking(Lang::En, || {
            (
                message("error-invalid-value"),
                message("Rubriken saknas."),
                thing("Behovet"),
            )
        });
        assert_eq!(english.0, "Invalid value.");
        // A message not yet in the catalogues is shown as the service wrote it.
        assert_eq!(english.1, "Rubriken saknas.");
        assert_eq!(english.2, "the need");
    }
}
