//! The vocabularies of reports (their labels are in the catalogues).

use crate::web::vocabulary::vocabulary;

vocabulary!(
    /// What sort of document a report is.
    Kind ("report-kind") {
        Testrapport => "testrapport";
        Forstudie => "forstudie";
        Erfarenhet => "erfarenhet";
        Guide => "guide";
        Dokument => "dokument";
    }
);

vocabulary!(
    /// How a test ended. Never named like a phase: a test still going on is "fortsatt test"
    /// (the value `pagar` of older files and clients is read as that).
    Outcome ("outcome") {
        Inford => "inford";
        EjInford => "ej-inford";
        Forkastad => "forkastad";
        FortsattTest => "fortsatt-test";
    }
);

/// The outcome `pagar` ("Pågår") was a phase's name; older files and clients still send it.
pub const LEGACY_ONGOING: &str = "pagar";

vocabulary!(
    /// Where in its life the work a report describes is.
    Phase ("report-phase") {
        Behov => "behov";
        Forstudie => "forstudie";
        Test => "test";
        Inforande => "inforande";
        Drift => "drift";
        Uppfoljning => "uppfoljning";
    }
);

vocabulary!(
    /// Where a report stands in review: only published reports are shared and searchable.
    Status ("report-status") {
        Utkast => "utkast";
        Granskas => "granskas";
        Returnerad => "returnerad";
        Publicerad => "publicerad";
    }
);

vocabulary!(
    /// The sections of a final report, in the order of established assessment practice for
    /// welfare technology.
    Section ("report-section") {
        Behov => "behov";
        Sakerhet => "sakerhet";
        Effekter => "effekter";
        Brukarperspektiv => "brukarperspektiv";
        Ekonomi => "ekonomi";
        Organisation => "organisation";
        Etik => "etik";
        Informationssakerhet => "informationssakerhet";
        Slutsats => "slutsats";
    }
);
