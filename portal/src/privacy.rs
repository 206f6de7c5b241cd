//! Rule 7 of the house: no personal data about care recipients belongs in Noden. Text that looks
//! like a Swedish personal identity number (personnummer or samordningsnummer) is refused.

use std::sync::LazyLock;

use regex::Regex;

static CANDIDATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    // YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDDNNNN, not inside longer digit runs.
    Regex::new(r"(?:^|[^\d])((?:19|20)?\d{6})[-+ ]?(\d{4})(?:$|[^\d])").ok()
});

/// True when `text` holds something with the shape of a personal identity number: a plausible
/// date (day 61–91 for coordination numbers) followed by four digits with a valid check digit.
pub fn contains_personal_identity_number(text: &str) -> bool {
    let Some(re) = CANDIDATE.as_ref() else {
        return false;
    };
    re.captures_iter(text).any(|c| {
        let date = &c[1];
        let date = &date[date.len() - 6..];
        let last = &c[2];
        plausible_date(date) && luhn_ok(&format!("{date}{last}"))
    })
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

/// The Swedish message shown when a field is refused for this reason.
pub const REFUSAL: &str = "Texten innehåller något som liknar ett personnummer. Noden får inte innehålla personuppgifter om brukare – ta bort numret.";

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
