//! Rule 7 of the house: no personal data about care recipients belongs in Noden. Text that looks
//! like a Swedish personal identity number (personnummer or samordningsnummer) is refused.

use std::sync::LazyLock;

use regex::Regex;

use crate::error::FieldIssue;

static CANDIDATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    // YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDDNNNN, not inside longer digit runs.
    Regex::new(r"(?:^|[^\d])((?:19|20)?\d{6})[-+ ]?(\d{4})(?:$|[^\d])").ok()
});

/// True when `text` holds something with the shape of a personal identity number: a plausible
/// date (day 61–91 for coordination numbers) followed by four digits with a valid check digit.
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
pub fn find_personal_identity_number(text: &str) -> Option<Found> {
    let re = CANDIDATE.as_ref()?;
    re.captures_iter(text).find_map(|c| {
        let date_match = c.get(1)?;
        let date = date_match.as_str();
        let short = &date[date.len() - 6..];
        let last = &c[2];
        if !(plausible_date(short) && luhn_ok(&format!("{short}{last}"))) {
            return None;
        }
        let start = date_match.start();
        let end = c.get(2)?.end();
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        let shown = &text[start..end];
        let masked = format!("{}****", &shown[..shown.len() - 4]);
        Some(Found {
            line,
            column,
            masked,
        })
    })
}

/// The Swedish refusal for a field, pointing at where the number is.
pub fn refusal(found: &Found) -> String {
    format!(
        "Texten innehåller något som liknar ett personnummer ({}). Noden får inte innehålla personuppgifter om brukare – ta bort numret.",
        found.describe()
    )
}

fn plausible_date(yymmdd: &str) -> bool {
    let month: u32 = yymmdd[2..4].parse().unwrap_or(0);
    let day: u32 = yymmdd[4..6].parse().unwrap_or(0);
    (1..=12).contains(&month) && ((1..=31).contains(&day) || (61..=91).contains(&day))
}

fn luhn_ok(ten_digits: &str) -> bool {
    let sum: u32 = ten_digits
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            let v = if i % 2 == 0 { d * 2 } else { d };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    ten_digits.len() == 10 && sum.is_multiple_of(10)
}

/// Refuses text that looks like a personal identity number, naming the field.
pub fn check_fields(fields: &[(&str, &str)], issues: &mut Vec<FieldIssue>) {
    for (field, text) in fields {
        if let Some(found) = find_personal_identity_number(text) {
            issues.push(FieldIssue::new(*field, refusal(&found)));
        }
    }
}

#[cfg(test)]
mod tests {
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
        ] {
            assert!(contains_personal_identity_number(text), "{text}");
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
    }

    #[test]
    fn ordinary_numbers_pass() {
        for text in [
            "Kommunkod 0480, 1 200 brukare, 450000 kronor",
            "Diarienummer 2024-0123",
            "811218-9875 har fel kontrollsiffra",
            "telefon 0155-24 50 00",
            "Avtal 20240101-20261231",
        ] {
            assert!(!contains_personal_identity_number(text), "{text}");
        }
    }
}
