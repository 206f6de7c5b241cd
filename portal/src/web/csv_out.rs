//! CSV for spreadsheets: every export writes through [`CsvOut`], which neutralises cells a
//! spreadsheet would run as a formula (CSV injection).
//!
//! Swedish Excel opens a CSV file by double-click correctly only when it starts with the
//! UTF-8 byte order mark (else å, ä and ö come out garbled), separates cells with semicolons
//! (the comma is the decimal sign) and writes decimals with a comma: [`Flavour::Excel`].
//! [`Flavour::Comma`] is the plain comma-separated form for other programs.

use std::borrow::Cow;

use crate::error::AppError;

/// A cell as a spreadsheet may safely open it: one that starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading apostrophe, so it is read as text, not as a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether `cell` is a plain decimal number ("-12", "3,5", "0.25"): such a cell is no
/// formula, and a spreadsheet must read it as a number, so it is written as it is.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let mut parts = digits.splitn(2, [',', '.']);
    let whole = parts.next().unwrap_or_default();
    let ok = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    ok(whole) && parts.next().is_none_or(ok)
}

/// The UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a CSV document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavour {
    /// For Swedish Excel: byte order mark, `;` between cells, decimal comma.
    #[default]
    Excel,
    /// Plain CSV: no byte order mark, `,` between cells, decimal point.
    Comma,
}

impl Flavour {
    /// The flavour asked for by a `sep` query parameter: `komma` for [`Flavour::Comma`],
    /// anything else (or nothing) for [`Flavour::Excel`].
    pub fn from_param(sep: Option<&str>) -> Self {
        match sep.map(str::trim) {
            Some("komma") => Flavour::Comma,
            _ => Flavour::Excel,
        }
    }

    /// `value` with `decimals` decimals, with this flavour's decimal sign.
    pub fn decimal(self, value: f64, decimals: usize) -> String {
        let text = format!("{value:.decimals$}");
        match self {
            Flavour::Excel => text.replace('.', ","),
            Flavour::Comma => text,
        }
    }
}

/// A CSV document built in memory, row by row.
pub struct CsvOut(csv::Writer<Vec<u8>>);

impl Default for CsvOut {
    /// Plain comma-separated CSV.
    fn default() -> Self {
        CsvOut::new(Flavour::Comma)
    }
}

fn failed(e: impl std::error::Error + Send + Sync + 'static) -> AppError {
    AppError::internal_from("csv", e)
}

impl CsvOut {
    /// An empty document of the given flavour (the Excel flavour starts with the BOM).
    pub fn new(flavour: Flavour) -> Self {
        let (delimiter, start) = match flavour {
            Flavour::Excel => (b';', BOM.to_vec()),
            Flavour::Comma => (b',', Vec::new()),
        };
        CsvOut(
            csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_writer(start),
        )
    }

    /// Writes one row, each cell neutralised.
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), AppError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let record: Vec<String> = cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        self.0.write_record(&record).map_err(failed)
    }

    /// Writes one row, each cell neutralised unless it is a plain number (a negative number
    /// stays a number, not text).
    pub fn row_with_numbers<I, S>(&mut self, cells: I) -> Result<(), AppError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let record: Vec<String> = cells
            .into_iter()
            .map(|c| {
                let c = c.as_ref();
                if is_number(c) {
                    c.to_owned()
                } else {
                    neutralise(c).into_owned()
                }
            })
            .collect();
        self.0.write_record(&record).map_err(failed)
    }

    /// The finished document.
    pub fn finish(self) -> Result<Vec<u8>, AppError> {
        self.0.into_inner().map_err(|e| failed(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_read_as_text() {
        let mut out = CsvOut::default();
        out.row([
            "=cmd|'/c_calc'!a0@okand.example",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "Nattillsyn",
            "",
            "12",
        ])
        .unwrap();
        let text = String::from_utf8(out.finish().unwrap()).unwrap();
        assert_eq!(
            text,
            "'=cmd|'/c_calc'!a0@okand.example,'+1,'-2,'@SUM(A1),'\tx,\"'\rx\",Nattillsyn,,12\n"
        );
    }

    #[test]
    fn excel_flavour_has_bom_semicolons_and_decimal_commas() {
        let mut out = CsvOut::new(Flavour::Excel);
        out.row(["Åtgärd; väg", &Flavour::Excel.decimal(12.345, 1), "-3"])
            .unwrap();
        let bytes = out.finish().unwrap();
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap();
        assert_eq!(text, "\"Åtgärd; väg\";12,3;'-3\n");
        assert_eq!(Flavour::Comma.decimal(-0.05, 1), "-0.1");
        let mut out = CsvOut::new(Flavour::Excel);
        out.row_with_numbers(["-3,5", "12", "-", "-1+2", "=1", "1,2,3", "-,5"])
            .unwrap();
        let text = String::from_utf8(out.finish().unwrap()[BOM.len()..].to_vec()).unwrap();
        assert_eq!(text, "-3,5;12;'-;'-1+2;'=1;1,2,3;'-,5\n");
        assert_eq!(Flavour::from_param(Some("komma")), Flavour::Comma);
        assert_eq!(Flavour::from_param(None), Flavour::Excel);
    }
}
