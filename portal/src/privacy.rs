//! Rule 7 of the house: no personal data about care recipients belongs in Noden. Text that looks
//! like a Swedish personal identity number (personnummer or samordningsnummer) is refused.
//!
//! People write these numbers in many ways: with the en dash a word processor puts in, with
//! spaces or a line break between the parts, in another script's digits, escaped by a web form
//! (`%2D`, `&#45;`) or with Markdown inside. So the scanner does not look at the text as it is
//! but at a normalised reading of it, in one pass:
//!
//! 1. HTML character references and percent-escapes are decoded;
//! 2. each character is decomposed for compatibility (the K of NFKC: full-width and
//!    superscript digits, no-break and other spaces become their plain forms);
//! 3. a decimal digit of any script counts as that digit; every dash (Unicode `Pd`, the minus
//!    sign) as a dash; every kind of white space as a space; invisible characters (zero-width
//!    spaces and joiners, soft hyphens, other default-ignorable code points, combining marks)
//!    are dropped.
//!
//! The Markdown rendered to plain text is read the same way, so emphasis or an HTML comment in
//! the middle of a number does not hide it. Every character keeps the byte offset it came from
//! in the original text, so the refusal can say where the number is. The whole check is linear
//! in the length of the text and never slices user text at an offset it did not get from the
//! same text.

use std::sync::LazyLock;

use regex_syntax::hir::{Class, HirKind};
use unicode_normalization::char::decompose_compatible;

use crate::error::FieldIssue;

/// True when `text` holds something with the shape of a personal identity number: a plausible
/// date (day 61–91 for coordination numbers), a separator and four digits, whatever the check
/// digit; or the same ten or twelve digits without a separator when the check digit is valid.
pub fn contains_personal_identity_number(text: &str) -> bool {
    find_personal_identity_number(text).is_some()
}

/// Where a personal identity number was found: the line and column (from 1) and the number
/// with its last four digits masked, so the message can point at it without repeating it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub line: usize,
    pub column: usize,
    pub masked: String,
}

impl Found {
    /// "rad 3, tecken 10: 811218-****".
    pub fn describe(&self) -> String {
        format!("rad {}, tecken {}: {}", self.line, self.column, self.masked)
    }
}

/// The first personal identity number in `text`, if any.
///
/// The line and column are those of the number's first digit in `text` itself, counted in
/// characters. When the number only shows once the Markdown is rendered, they point at where
/// its digits begin in the source, or at the start of the text if even that cannot be told.
pub fn find_personal_identity_number(text: &str) -> Option<Found> {
    let source = Scan::of(text);
    if let Some(hit) = source.first_hit() {
        let at = source.at.get(hit.first_digit).copied().unwrap_or(0);
        return Some(hit.found(text, at));
    }
    let plain = crate::web::markdown::plain_text(text);
    let rendered = Scan::of(&plain);
    let hit = rendered.first_hit()?;
    let at = source
        .locate(&hit.digits)
        .or_else(|| source.locate(&hit.date))
        .unwrap_or(0);
    Some(hit.found(text, at))
}

/// A value the client sent, quoted for a message about it ("Okänd kategori …"): as it was
/// written, unless it looks like a personal identity number, which is never sent back.
pub fn quoted(value: &str) -> String {
    if contains_personal_identity_number(value) {
        crate::web::i18n::t("privacy-withheld-value")
    } else {
        format!("\"{value}\"")
    }
}

/// The refusal for a field, in the reader's language, pointing at where the number is.
pub fn refusal(found: &Found) -> String {
    use crate::web::i18n::{lang, text_with};
    use fluent_bundle::FluentValue;
    text_with(
        lang(),
        "privacy-error-personal-identity-number",
        &[
            ("line", FluentValue::from(found.line.to_string())),
            ("column", FluentValue::from(found.column.to_string())),
            ("masked", FluentValue::from(found.masked.clone())),
        ],
    )
}

/// Refuses text that looks like a personal identity number, naming the field.
pub fn check_fields(fields: &[(&str, &str)], issues: &mut Vec<FieldIssue>) {
    for (field, text) in fields {
        if let Some(found) = find_personal_identity_number(text) {
            issues.push(FieldIssue::new(*field, refusal(&found)));
        }
    }
}

/// Refuses a list of texts (tags, standards, …) when one of them looks like a personal
/// identity number; one issue names the list.
pub fn check_list<S: AsRef<str>>(field: &str, items: &[S], issues: &mut Vec<FieldIssue>) {
    if let Some(found) = items
        .iter()
        .find_map(|t| find_personal_identity_number(t.as_ref()))
    {
        issues.push(FieldIssue::new(field, refusal(&found)));
    }
}

/// What the scanner makes of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sym {
    Digit(u8),
    Space,
    Dash,
    Plus,
    /// `/`, `.` or `_`, which people also put between the parts.
    Mark,
    Other,
}

/// The code point ranges of a Unicode class, as the regex crate's tables give them.
struct Ranges(Vec<(u32, u32)>);

impl Ranges {
    fn of(class: &str) -> Ranges {
        let ranges = match regex_syntax::parse(class).map(|hir| hir.into_kind()) {
            Ok(HirKind::Class(Class::Unicode(class))) => class
                .ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end())))
                .collect(),
            _ => Vec::new(),
        };
        Ranges(ranges)
    }

    /// The range holding `c`, if any.
    fn find(&self, c: char) -> Option<(u32, u32)> {
        let c = u32::from(c);
        let i = self.0.partition_point(|&(_, end)| end < c);
        self.0.get(i).copied().filter(|&(start, _)| start <= c)
    }
}

/// Decimal digits of every script. Unicode encodes them in runs of ten from zero upwards, so
/// a digit's value is its distance from the start of its run, modulo ten.
static DIGITS: LazyLock<Ranges> = LazyLock::new(|| Ranges::of(r"\p{Nd}"));
/// Dashes and the minus signs people type for them.
static DASHES: LazyLock<Ranges> =
    LazyLock::new(|| Ranges::of(r"[\p{Pd}\x{2212}\x{2043}\x{02D7}\x{2796}\x{FE63}]"));
/// Characters that show nothing of their own: zero-width spaces and joiners, soft hyphens,
/// direction marks, variation selectors and combining marks.
static INVISIBLE: LazyLock<Ranges> =
    LazyLock::new(|| Ranges::of(r"[\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}]"));

/// How the scanner reads one character that is already decomposed; `None` drops it.
fn sym(c: char) -> Option<Sym> {
    if c.is_ascii() {
        return Some(match c {
            '0'..='9' => Sym::Digit(c as u8 - b'0'),
            '-' => Sym::Dash,
            '+' => Sym::Plus,
            '/' | '.' | '_' => Sym::Mark,
            c if c.is_ascii_whitespace() => Sym::Space,
            _ => Sym::Other,
        });
    }
    if c.is_whitespace() {
        return Some(Sym::Space);
    }
    if INVISIBLE.find(c).is_some() {
        return None;
    }
    if let Some((start, _)) = DIGITS.find(c) {
        let value = (u32::from(c) - start) % 10;
        return Some(Sym::Digit(u8::try_from(value).unwrap_or(0)));
    }
    if DASHES.find(c).is_some() {
        return Some(Sym::Dash);
    }
    Some(Sym::Other)
}

/// Calls `emit` with each character of `text` once HTML character references and
/// percent-escapes are decoded, and the byte offset in `text` it came from.
fn decode(text: &str, mut emit: impl FnMut(char, usize)) {
    let mut i = 0;
    while let Some(rest) = text.get(i..) {
        let Some(c) = rest.chars().next() else {
            break;
        };
        if c == '&'
            && let Some((decoded, len)) = character_reference(rest)
        {
            emit(decoded, i);
            i += len;
            continue;
        }
        if c == '%' {
            let len = percent_run(rest);
            if len > 0 {
                let escaped = rest.get(..len).unwrap_or("");
                for d in percent_encoding::percent_decode_str(escaped)
                    .decode_utf8_lossy()
                    .chars()
                {
                    emit(d, i);
                }
                i += len;
                continue;
            }
        }
        emit(c, i);
        i += c.len_utf8();
    }
}

/// The length in bytes of the run of `%XX` escapes at the start of `text`.
fn percent_run(text: &str) -> usize {
    text.as_bytes()
        .chunks(3)
        .take_while(|c| matches!(c, [b'%', a, b] if a.is_ascii_hexdigit() && b.is_ascii_hexdigit()))
        .count()
        * 3
}

/// The HTML character reference at the start of `text` (`&#45;`, `&#x2013;`, `&ndash;`), if it
/// is one the scanner needs: numeric references to any character, and the named ones for
/// dashes, spaces and invisible characters (digits have no names). Returns the character and
/// the reference's length in bytes.
fn character_reference(text: &str) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let end = bytes.iter().take(40).position(|&b| b == b';')?;
    let name = text.get(1..end)?;
    let c = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                number.parse().ok()?
            }
            _ => return None,
        };
        char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
    } else {
        named_reference(name)?
    };
    Some((c, end + 1))
}

fn named_reference(name: &str) -> Option<char> {
    Some(match name {
        "hyphen" | "dash" => '\u{2010}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "horbar" => '\u{2015}',
        "minus" => '\u{2212}',
        "hybull" => '\u{2043}',
        "plus" => '+',
        "sol" => '/',
        "period" => '.',
        "lowbar" | "UnderBar" => '_',
        "nbsp" | "NonBreakingSpace" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "emsp13" => '\u{2004}',
        "emsp14" => '\u{2005}',
        "numsp" => '\u{2007}',
        "puncsp" => '\u{2008}',
        "thinsp" | "ThinSpace" => '\u{2009}',
        "hairsp" | "VeryThinSpace" => '\u{200a}',
        "MediumSpace" => '\u{205f}',
        "Tab" => '\t',
        "NewLine" => '\n',
        "shy" => '\u{ad}',
        "ZeroWidthSpace"
        | "NegativeVeryThinSpace"
        | "NegativeThinSpace"
        | "NegativeMediumSpace"
        | "NegativeThickSpace" => '\u{200b}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "NoBreak" => '\u{2060}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        _ => return None,
    })
}

/// How a group of digits joins the one before it: by one to three separator characters.
#[derive(Debug, Clone, Copy)]
struct Joint {
    spaces_only: bool,
    plus: bool,
}

/// A run of digits in the normalised text.
#[derive(Debug, Clone, Copy)]
struct Group {
    /// Index of its first digit in `Scan::digits`.
    start: usize,
    len: usize,
    /// How it joins the group before; `None` when it starts a new sequence of numbers.
    joint: Option<Joint>,
}

/// The longest run of separators that still joins two parts of one number (` - `, `\r\n`).
const MAX_JOINT: usize = 3;

/// The digits of a text, grouped as they were written.
struct Scan {
    /// Every digit's value, in order.
    digits: Vec<u8>,
    /// For every digit, the byte offset in the original text it came from.
    at: Vec<usize>,
    groups: Vec<Group>,
}

/// Where the reader of the normalised text is.
#[derive(Debug, Clone, Copy)]
enum State {
    Outside,
    InDigits,
    /// After a group of digits, in `len` separators.
    AfterDigits {
        len: usize,
        joint: Joint,
    },
}

impl Scan {
    fn of(text: &str) -> Scan {
        let mut scan = Scan {
            digits: Vec::new(),
            at: Vec::new(),
            groups: Vec::new(),
        };
        let mut state = State::Outside;
        decode(text, |c, at| {
            let mut read = |s: Sym| {
                state = scan.read(state, s, at);
            };
            if c.is_ascii() {
                if let Some(s) = sym(c) {
                    read(s);
                }
            } else {
                decompose_compatible(c, |d| {
                    if let Some(s) = sym(d) {
                        read(s);
                    }
                });
            }
        });
        scan
    }

    fn read(&mut self, state: State, s: Sym, at: usize) -> State {
        let separator = |joint: Joint| Joint {
            spaces_only: joint.spaces_only && s == Sym::Space,
            plus: joint.plus || s == Sym::Plus,
        };
        match (state, s) {
            (_, Sym::Digit(d)) => {
                let joint = match state {
                    State::InDigits => None,
                    State::AfterDigits { len, joint } if len <= MAX_JOINT => Some(Some(joint)),
                    _ => Some(None),
                };
                if let Some(joint) = joint {
                    self.groups.push(Group {
                        start: self.digits.len(),
                        len: 0,
                        joint,
                    });
                }
                if let Some(group) = self.groups.last_mut() {
                    group.len += 1;
                }
                self.digits.push(d);
                self.at.push(at);
                State::InDigits
            }
            (_, Sym::Other) | (State::Outside, _) => State::Outside,
            (State::InDigits, _) => State::AfterDigits {
                len: 1,
                joint: separator(Joint {
                    spaces_only: true,
                    plus: false,
                }),
            },
            (State::AfterDigits { len, joint }, _) => State::AfterDigits {
                len: len + 1,
                joint: separator(joint),
            },
        }
    }

    fn digits_of(&self, group: &Group) -> &[u8] {
        self.digits
            .get(group.start..group.start + group.len)
            .unwrap_or(&[])
    }

    /// The first personal identity number among the groups.
    fn first_hit(&self) -> Option<Hit> {
        (0..self.groups.len()).find_map(|i| self.hit_at(i))
    }

    /// A personal identity number whose first digit opens group `i`.
    fn hit_at(&self, i: usize) -> Option<Hit> {
        let group = self.groups.get(i)?;
        let first = self.digits_of(group);
        let hit = |date: Vec<u8>, last: &[u8], sep: Option<Joint>| {
            Hit::checked(date, last, sep, group.start)
        };
        // Written without a separator: YYMMDDNNNN or YYYYMMDDNNNN.
        let whole = match first.len() {
            10 => hit(first[..6].to_vec(), &first[6..], None),
            12 if has_century(first) => hit(first[..8].to_vec(), &first[8..], None),
            _ => None,
        };
        if whole.is_some() {
            return whole;
        }
        // The date: YYMMDD or YYYYMMDD, or, at the start of a number, YY MM DD or YYYY MM DD.
        let (date, date_end) = match first.len() {
            6 => (first.to_vec(), i),
            8 if has_century(first) => (first.to_vec(), i),
            2 | 4 if (first.len() == 2 || has_century(first)) && group.joint.is_none() => {
                let month = self.spaced(i + 1, 2)?;
                let day = self.spaced(i + 2, 2)?;
                ([first, month, day].concat(), i + 2)
            }
            _ => return None,
        };
        // The last four: NNNN, or NN NN.
        let next = self.groups.get(date_end + 1)?;
        let sep = next.joint?;
        let last = match next.len {
            4 => self.digits_of(next).to_vec(),
            2 => [self.digits_of(next), self.spaced(date_end + 2, 2)?].concat(),
            _ => return None,
        };
        hit(date, &last, Some(sep))
    }

    /// The digits of group `i` if it has `len` of them and follows the group before it after
    /// nothing but spaces.
    fn spaced(&self, i: usize, len: usize) -> Option<&[u8]> {
        let group = self.groups.get(i)?;
        (group.len == len && group.joint.is_some_and(|j| j.spaces_only))
            .then(|| self.digits_of(group))
    }

    /// The byte offset in the original text where `needle` starts among its digits.
    fn locate(&self, needle: &[u8]) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        let i = self
            .digits
            .windows(needle.len())
            .position(|w| w == needle)?;
        self.at.get(i).copied()
    }
}

fn has_century(digits: &[u8]) -> bool {
    matches!(digits, [1, 9, ..] | [2, 0, ..])
}

/// A personal identity number the scanner found.
#[derive(Debug)]
struct Hit {
    /// The date part as written, with or without its century.
    date: Vec<u8>,
    /// All its digits.
    digits: Vec<u8>,
    sep: Option<Joint>,
    /// Index of its first digit in `Scan::digits`.
    first_digit: usize,
}

impl Hit {
    fn checked(date: Vec<u8>, last: &[u8], sep: Option<Joint>, first_digit: usize) -> Option<Hit> {
        let short = date.get(date.len().checked_sub(6)?..)?;
        // Written with a separator, the shape alone tells: a mistyped number is still
        // someone's. A bare run of digits must also carry a valid check digit, or order
        // numbers and the like would be refused.
        if last.len() != 4 || !plausible_date(short) || (sep.is_none() && !luhn_ok(short, last)) {
            return None;
        }
        Some(Hit {
            digits: [date.as_slice(), last].concat(),
            date,
            sep,
            first_digit,
        })
    }

    fn found(&self, text: &str, at: usize) -> Found {
        let (line, column) = line_and_column(text, at);
        let mut masked: String = self.date.iter().map(|d| char::from(b'0' + d)).collect();
        match self.sep {
            Some(j) if j.plus => masked.push('+'),
            Some(_) => masked.push('-'),
            None => {}
        }
        masked.push_str("****");
        Found {
            line,
            column,
            masked,
        }
    }
}

/// The line and column (from 1, in characters) of byte offset `at` of `text`.
fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn plausible_date(yymmdd: &[u8]) -> bool {
    let [_, _, m1, m2, d1, d2] = yymmdd else {
        return false;
    };
    let month = m1 * 10 + m2;
    let day = d1 * 10 + d2;
    (1..=12).contains(&month) && ((1..=31).contains(&day) || (61..=91).contains(&day))
}

fn luhn_ok(yymmdd: &[u8], last: &[u8]) -> bool {
    let sum: u32 = yymmdd
        .iter()
        .chain(last)
        .enumerate()
        .map(|(i, &d)| {
            let v = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    yymmdd.len() + last.len() == 10 && sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_value_sent_back_in_a_message_never_repeats_a_number() {
        assert_eq!(super::quoted("Ankeborg"), "\"Ankeborg\"");
        let quoted = super::quoted("811218–9876");
        assert!(!quoted.contains("9876"), "{quoted}");
        assert_eq!(quoted, "(ett värde som liknar ett personnummer)");
        let english = crate::web::frame::speaking(crate::web::i18n::Lang::En, || {
            super::quoted("811218–9876")
        });
        assert_eq!(
            english,
            "(a value that looks like a personal identity number)"
        );
    }

    use super::*;

    #[test]
    fn recognises_personal_identity_numbers_in_their_usual_shapes() {
        // Skatteverket's published test numbers.
        for text in [
            "Brukaren 811218-9876 fick larmet.",
            "pnr 19811218-9876",
            "198112189876",
            "8112189876 i journalen",
            "samordningsnummer 701063-2391",
            "född 1911 811218+9876",
        ] {
            assert!(contains_personal_identity_number(text), "{text}");
        }
    }

    #[test]
    fn recognises_numbers_as_people_type_them() {
        let variants = [
            ("en dash", "811218\u{2013}9876"),
            ("em dash", "811218\u{2014}9876"),
            ("hyphen", "811218\u{2010}9876"),
            ("non-breaking hyphen", "811218\u{2011}9876"),
            ("minus sign", "811218\u{2212}9876"),
            ("figure dash", "811218\u{2012}9876"),
            ("full-width hyphen-minus", "811218\u{ff0d}9876"),
            ("no-break space", "811218\u{a0}9876"),
            ("narrow no-break space", "811218\u{202f}9876"),
            ("plain space", "811218 9876"),
            ("two spaces", "811218  9876"),
            ("tab", "811218\t9876"),
            ("spaced dash", "811218 - 9876"),
            ("spaced en dash", "811218 \u{2013} 9876"),
            ("line break", "811218\n9876"),
            ("CRLF", "811218\r\n9876"),
            ("slash", "811218/9876"),
            ("full stop", "811218.9876"),
            ("underscore", "811218_9876"),
            ("spaced date", "81 12 18-9876"),
            ("spaced date with century", "1981 12 18-9876"),
            ("spaced last four", "811218-98 76"),
            ("all spaced", "81 12 18 98 76"),
            ("zero-width space in the date", "8112\u{200b}18-9876"),
            ("zero-width space as separator", "811218\u{200b}-9876"),
            ("zero-width joiner", "81121\u{200d}8-9876"),
            ("word joiner", "811218\u{2060}-\u{2060}9876"),
            ("byte order mark", "811218-98\u{feff}76"),
            ("soft hyphen as separator", "811218\u{ad}9876"),
            ("soft hyphen inside", "8112\u{ad}18-98\u{ad}76"),
            ("combining strike-through", "8\u{336}1\u{336}1218-9876"),
            (
                "Arabic-Indic digits",
                "\u{668}\u{661}\u{661}\u{662}\u{661}\u{668}-\u{669}\u{668}\u{667}\u{666}",
            ),
            (
                "Persian digits",
                "\u{6f8}\u{6f1}\u{6f1}\u{6f2}\u{6f1}\u{6f8}-\u{6f9}\u{6f8}\u{6f7}\u{6f6}",
            ),
            (
                "full-width digits",
                "\u{ff18}\u{ff11}\u{ff11}\u{ff12}\u{ff11}\u{ff18}-\u{ff19}\u{ff18}\u{ff17}\u{ff16}",
            ),
            ("one full-width digit", "\u{ff18}11218-9876"),
            (
                "Devanagari digits",
                "\u{96e}\u{967}\u{967}\u{968}\u{967}\u{96e}-\u{96f}\u{96e}\u{96d}\u{96c}",
            ),
            (
                "mathematical digits",
                "\u{1d7d6}\u{1d7cf}\u{1d7cf}\u{1d7d0}\u{1d7cf}\u{1d7d6}-9876",
            ),
            ("percent-encoded dash", "811218%2D9876"),
            ("percent-encoded en dash", "811218%E2%80%939876"),
            ("percent-encoded digits", "%38%31%31%32%31%38-9876"),
            ("HTML decimal reference", "811218&#45;9876"),
            ("HTML hexadecimal reference", "811218&#x2013;9876"),
            ("HTML named en dash", "811218&ndash;9876"),
            ("HTML named no-break space", "811218&nbsp;9876"),
            ("HTML reference for a digit", "81121&#56;-9876"),
            ("Markdown emphasis", "8112**18**-9876"),
            ("Markdown emphasis on the last four", "811218-*9876*"),
            ("Markdown escape", "811218\\-9876"),
            ("HTML comment", "811218<!-- x -->-9876"),
            ("inline HTML", "811218<span>-</span>9876"),
        ];
        for (name, variant) in variants {
            let text = format!("Brukaren {variant} larmade i natt.");
            let found = find_personal_identity_number(&text)
                .unwrap_or_else(|| panic!("{name} was missed: {text:?}"));
            assert_eq!(found.line, 1, "{name}");
            assert_eq!(found.column, 10, "{name}: {found:?}");
            assert!(
                found.masked.starts_with("811218") || found.masked.starts_with("19811218"),
                "{name}: {found:?}"
            );
            assert!(found.masked.ends_with("****"), "{name}");
            assert!(!refusal(&found).contains("9876"), "{name}");
        }
    }

    #[test]
    fn the_refusal_points_at_the_number_without_repeating_it() {
        let text = "Bakgrund\n\nLarmet gick för brukare 19811218-9876 i natt.";
        let found = find_personal_identity_number(text).unwrap();
        assert_eq!(found.line, 3);
        assert_eq!(found.column, 25);
        assert_eq!(found.masked, "19811218-****");
        let message = refusal(&found);
        assert!(
            message.contains("rad 3, tecken 25: 19811218-****"),
            "{message}"
        );
        assert!(!message.contains("9876"));
        let found = find_personal_identity_number("Två: 701063-2391").unwrap();
        assert_eq!(
            (found.line, found.column, found.masked.as_str()),
            (1, 6, "701063-****")
        );
        let found = find_personal_identity_number("8112189876").unwrap();
        assert_eq!(found.masked, "811218****");
        let found = find_personal_identity_number("född 811218+9876").unwrap();
        assert_eq!(found.masked, "811218+****");
    }

    #[test]
    fn the_place_is_counted_in_characters_of_the_original_text() {
        // Columns count characters, not bytes; CRLF ends a line like LF.
        let text = "Rubrik\r\nÅsa och Örjan: \u{ff18}\u{ff11}1218\u{2013}9876";
        let found = find_personal_identity_number(text).unwrap();
        assert_eq!((found.line, found.column), (2, 16), "{found:?}");
        assert_eq!(found.masked, "811218-****");
        // Found only in the rendered Markdown: pointed at where its digits begin in the source.
        let text = "# Rubrik\n\nÅtgärd:\n\nBrukare 8112**18**-9876.";
        let found = find_personal_identity_number(text).unwrap();
        assert_eq!((found.line, found.column), (5, 9), "{found:?}");
        let text = "Rad ett\n811218<!-- 1 -->-9876";
        let found = find_personal_identity_number(text).unwrap();
        assert_eq!((found.line, found.column), (2, 1), "{found:?}");
        // Escapes are pointed at where they begin.
        let found = find_personal_identity_number("x %38%31%31%32%31%38-9876").unwrap();
        assert_eq!((found.line, found.column), (1, 3), "{found:?}");
    }

    #[test]
    fn ordinary_numbers_pass() {
        for text in [
            "Kommunkod 0480, 1 200 brukare, 450000 kronor",
            "Diarienummer 2024-0123",
            "Dnr 2024-0123, 2023\u{2013}0456",
            "8112189875 är ett ordernummer med fel kontrollsiffra",
            "198112189875 likaså",
            "811318-9876 har ingen trettonde månad",
            "telefon 0155-24 50 00",
            "telefon 0155\u{2013}24\u{a0}50\u{a0}00",
            "mobil 070-123 45 67",
            "mobil 070\u{2013}123 45 67",
            "växel 08-12 34 56",
            "1 200 000 kr",
            "1\u{a0}200\u{a0}000 kr och 12 500 kr",
            "Avtal 20240101-20261231",
            "Avtal 20240101\u{2013}20261231",
            "Avtal 2024-01-01 \u{2013} 2026-12-31",
            "2024-03-01 - 2025-06-30",
            "Postnummer 611 34 Nyköping, 641 30 Katrineholm",
            "Order 123456-789, artikel 55512",
            "Version 1.2.3, 4.5.6",
            "100%25 nöjda, 50%",
            "&amp; &#; &#x; &#99999999; &unknown; &",
            "",
        ] {
            assert_eq!(find_personal_identity_number(text), None, "{text}");
        }
    }

    #[test]
    fn a_mistyped_number_with_a_separator_is_still_refused() {
        for text in [
            "19450101-1234",
            "450101-1234",
            "811218-9875 har fel kontrollsiffra",
            "811218\u{2013}9875 med tankstreck",
            "811218+9875 över hundra år",
            "19811218 9875 med mellanslag",
            "811278-9875 samordningsnummer",
        ] {
            let found = find_personal_identity_number(text)
                .unwrap_or_else(|| panic!("{text} was let through"));
            assert!(found.masked.ends_with("****"), "{text}: {found:?}");
        }
    }

    #[test]
    fn lists_are_checked_item_by_item() {
        let mut issues = Vec::new();
        check_list("standards", &["SCAIP", "811218\u{2013}9876"], &mut issues);
        check_list("tags", &["demens"], &mut issues);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, "standards");
        assert!(!issues[0].message.contains("9876"));
    }

    #[test]
    fn character_references_decode_numbers_and_the_names_that_matter() {
        assert_eq!(character_reference("&#45;x"), Some(('-', 5)));
        assert_eq!(character_reference("&#x2D;"), Some(('-', 6)));
        assert_eq!(character_reference("&#X2013;"), Some(('\u{2013}', 8)));
        assert_eq!(character_reference("&ndash;"), Some(('\u{2013}', 7)));
        assert_eq!(character_reference("&shy;"), Some(('\u{ad}', 5)));
        assert_eq!(character_reference("&#xD800;"), Some(('\u{fffd}', 8)));
        for not_one in [
            "&amp",
            "&#;",
            "&#x;",
            "&#1a;",
            "&nosuch;",
            "&#99999999999;",
            "&",
        ] {
            assert_eq!(character_reference(not_one), None, "{not_one}");
        }
    }

    #[test]
    fn digits_of_every_script_have_their_value() {
        for zero in [
            '0',
            '\u{660}',
            '\u{6f0}',
            '\u{966}',
            '\u{ff10}',
            '\u{1d7ce}',
            '\u{1d7d8}',
        ] {
            let mut seen = Vec::new();
            for offset in 0..10u32 {
                let c = char::from_u32(u32::from(zero) + offset).unwrap();
                decompose_compatible(c, |d| seen.push(sym(d)));
            }
            let expected: Vec<_> = (0..10).map(|d| Some(Sym::Digit(d))).collect();
            assert_eq!(seen, expected, "{zero:?}");
        }
        assert_eq!(sym('\u{2013}'), Some(Sym::Dash));
        assert_eq!(sym('\u{200b}'), None);
        assert_eq!(sym('\u{ad}'), None);
        assert_eq!(sym('a'), Some(Sym::Other));
    }

    #[test]
    fn a_long_text_is_read_quickly() {
        let mut text = String::new();
        while text.len() < 200 * 1024 {
            text.push_str("Telefon 0155-24 50 00, 1 200 kr, **fet** 2024-0123 \u{2013} ");
            text.push_str("\u{ff18}\u{660}%2D&#45;\u{200b} ٨١١ <!-- x --> 81 12\n");
        }
        let started = std::time::Instant::now();
        assert_eq!(find_personal_identity_number(&text), None);
        text.push_str("811218\u{2013}9876");
        assert!(find_personal_identity_number(&text).is_some());
        let took = started.elapsed();
        assert!(took < std::time::Duration::from_secs(2), "{took:?}");
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;

        /// Characters that matter to the scanner, and a few that do not.
        fn tricky() -> impl Strategy<Value = char> {
            prop_oneof![
                prop::char::range('0', '9'),
                prop::sample::select(vec![
                    '\u{660}',
                    '\u{669}',
                    '\u{6f0}',
                    '\u{6f9}',
                    '\u{966}',
                    '\u{ff10}',
                    '\u{ff19}',
                    '\u{1d7ce}',
                    '\u{1d7ff}',
                    '\u{b9}',
                    '\u{2460}',
                    '\u{1fbf9}',
                ]),
                prop::sample::select(vec![
                    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}',
                    '\u{fe63}', '\u{ff0d}', '+', '/', '.', '_',
                ]),
                prop::sample::select(vec![
                    ' ', '\t', '\n', '\r', '\u{a0}', '\u{2007}', '\u{202f}', '\u{3000}',
                    '\u{2028}', '\u{85}',
                ]),
                prop::sample::select(vec![
                    '\u{200b}',
                    '\u{200c}',
                    '\u{200d}',
                    '\u{2060}',
                    '\u{feff}',
                    '\u{ad}',
                    '\u{336}',
                    '\u{fe0f}',
                    '\u{e0041}',
                ]),
                prop::sample::select(vec![
                    '%', '&', '#', ';', 'x', 'D', 'E', '2', '*', '<', '>', '!', '\\', '`', '[',
                    ']', '(', ')', '|',
                ]),
                any::<char>(),
            ]
        }

        /// A valid number: a date, three digits and the check digit.
        fn number() -> impl Strategy<Value = Vec<u8>> {
            (0u8..100, 1u8..13, 1u8..29, 0u16..1000, any::<bool>()).prop_map(
                |(yy, mm, dd, nnn, coordination)| {
                    let dd = if coordination { dd + 60 } else { dd };
                    let nnn = [nnn / 100, nnn / 10 % 10, nnn % 10];
                    let mut digits: Vec<u8> =
                        [yy / 10, yy % 10, mm / 10, mm % 10, dd / 10, dd % 10]
                            .into_iter()
                            .chain(nnn.into_iter().map(|d| d as u8))
                            .collect();
                    let check = (0..10)
                        .find(|c| luhn_ok(&digits[..6], &[digits[6], digits[7], digits[8], *c]))
                        .unwrap();
                    digits.push(check);
                    digits
                },
            )
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn any_text_is_scanned_without_panicking(text in any::<String>()) {
                let _ = find_personal_identity_number(&text);
            }

            #[test]
            fn tricky_text_is_scanned_without_panicking(chars in prop::collection::vec(tricky(), 0..200)) {
                let text: String = chars.into_iter().collect();
                if let Some(found) = find_personal_identity_number(&text) {
                    prop_assert!(found.line >= 1 && found.line <= text.split('\n').count());
                    prop_assert!(found.column >= 1);
                    prop_assert!(found.masked.ends_with("****"));
                }
            }

            #[test]
            fn a_number_however_typed_is_found(
                digits in number(),
                zero in prop::sample::select(vec!['0', '\u{660}', '\u{6f0}', '\u{ff10}', '\u{966}']),
                separator in prop::sample::select(vec![
                    "-", "\u{2013}", "\u{2014}", "\u{2212}", "\u{2011}", " ", "\u{a0}", "  ", "\t",
                    " - ", "\n", "\r\n", "/", ".", "_", "%2D", "&#45;", "&ndash;", "\u{ad}", "",
                ]),
                invisible in prop::sample::select(vec!["", "\u{200b}", "\u{ad}", "\u{2060}"]),
                before in "[a-zåäö ]{0,20}",
                after in "[a-zåäö ]{0,20}",
            ) {
                let digit = |d: u8| char::from_u32(u32::from(zero) + u32::from(d)).unwrap();
                let date: String = digits[..6].iter().map(|&d| digit(d)).collect();
                let last: String = digits[6..]
                    .iter()
                    .map(|&d| format!("{}{invisible}", digit(d)))
                    .collect();
                let text = format!("{before} {date}{separator}{last} {after}");
                let found = find_personal_identity_number(&text);
                prop_assert!(found.is_some(), "{:?}", text);
                let found = found.unwrap();
                prop_assert_eq!(found.column, before.chars().count() + 2);
                let date: String = digits[..6].iter().map(|d| char::from(b'0' + d)).collect();
                prop_assert!(found.masked.starts_with(&date), "{:?}", found);
                prop_assert!(found.masked.ends_with("****"), "{:?}", found);
                prop_assert!(found.masked.len() <= date.len() + 5, "{:?}", found);
            }
        }
    }
}
