//! CSV for spreadsheets: every export writes through [`CsvOut`], which neutralises cells a
//! spreadsheet would run as a formula (CSV injection).

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

/// A CSV document built in memory, row by row.
pub struct CsvOut(csv::Writer<Vec<u8>>);

impl Default for CsvOut {
    fn default() -> Self {
        CsvOut(csv::Writer::from_writer(Vec::new()))
    }
}

fn failed(e: impl std::error::Error + Send + Sync + 'static) -> AppError {
    AppError::internal_from("csv", e)
}

impl CsvOut {
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
}
