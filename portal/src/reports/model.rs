//! The vocabularies of reports, with their Swedish labels.

use crate::web::vocabulary::vocabulary;

vocabulary!(
    /// What sort of document a report is.
    Kind ("typ") {
        Testrapport => "testrapport", "Testrapport";
        Forstudie => "forstudie", "Förstudie";
        Erfarenhet => "erfarenhet", "Erfarenhetsrapport";
        Guide => "guide", "Vägledning";
        Dokument => "dokument", "Dokument";
    }
);

vocabulary!(
    /// How a test ended. Never named like a phase: a test still going on is "fortsatt test"
    /// (the value `pagar` of older files and clients is read as that).
    Outcome ("utfall") {
        Inford => "inford", "Införd";
        EjInford => "ej-inford", "Ej införd";
        Forkastad => "forkastad", "Förkastad";
        FortsattTest => "fortsatt-test", "Fortsatt test";
    }
);

/// The outcome `pagar` ("Pågår") was a phase's name; older files and clients still send it.
pub const LEGACY_ONGOING: &str = "pagar";

vocabulary!(
    /// Where in its life the work a report describes is.
    Phase ("fas") {
        Behov => "behov", "Behov";
        Forstudie => "forstudie", "Förstudie";
        Test => "test", "Test";
        Inforande => "inforande", "Införande";
        Drift => "drift", "I drift";
        Uppfoljning => "uppfoljning", "Uppföljning";
    }
);

vocabulary!(
    /// Where a report stands in review: only published reports are shared and searchable.
    Status ("status") {
        Utkast => "utkast", "Utkast";
        Granskas => "granskas", "Väntar på granskning";
        Returnerad => "returnerad", "Återsänd med kommentarer";
        Publicerad => "publicerad", "Publicerad";
    }
);

vocabulary!(
    /// The sections of a final report, in the order of established assessment practice for
    /// welfare technology.
    Section ("avsnitt") {
        Behov => "behov", "Behov och målgrupp";
        Sakerhet => "sakerhet", "Säkerhet";
        Effekter => "effekter", "Effekter: trygghet, självständighet, delaktighet och aktivitet";
        Brukarperspektiv => "brukarperspektiv", "Brukarens perspektiv";
        Ekonomi => "ekonomi", "Ekonomi";
        Organisation => "organisation", "Organisation och arbetssätt";
        Etik => "etik", "Etik, samtycke och juridik";
        Informationssakerhet => "informationssakerhet", "Informationssäkerhet";
        Slutsats => "slutsats", "Slutsats och rekommendation till andra kommuner";
    }
);
