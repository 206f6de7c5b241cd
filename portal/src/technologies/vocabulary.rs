//! The vocabularies of the technology catalogue.

use crate::web::vocabulary::vocabulary;

/// The search kind of catalogue entries.
pub const TECHNOLOGY_KIND: &str = "teknik";

vocabulary!(
    /// Whether a technology is used by the care recipient or in the staff's processes.
    Proximity ("närhet") {
        Brukarnara => "brukarnara", "Brukarnära";
        Processnara => "processnara", "Processnära";
    }
);

vocabulary!(
    /// How far an organisation has come with a technology.
    UseStatus ("status") {
        Test => "test", "Testas";
        Infort => "infort", "Infört";
        Avvecklat => "avvecklat", "Avvecklat";
    }
);

vocabulary!(
    /// Where a catalogue entry stands: in the catalogue, proposed by a member, or declined.
    EntryStatus ("status") {
        Katalog => "katalog", "I katalogen";
        Forslag => "forslag", "Föreslagen";
        Avbojd => "avbojd", "Avböjd";
    }
);
