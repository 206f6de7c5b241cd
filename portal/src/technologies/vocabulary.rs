//! The vocabularies of the technology catalogue.

use crate::web::vocabulary::vocabulary;

/// The search kind of catalogue entries.
pub const TECHNOLOGY_KIND: &str = "teknik";

vocabulary!(
    /// Whether a technology is used by the care recipient or in the staff's processes.
    Proximity ("proximity") {
        Brukarnara => "brukarnara";
        Processnara => "processnara";
    }
);

vocabulary!(
    /// How far an organisation has come with a technology.
    UseStatus ("use-status") {
        Test => "test";
        Infort => "infort";
        Avvecklat => "avvecklat";
    }
);

vocabulary!(
    /// Where a catalogue entry stands: in the catalogue, proposed by a member, or declined.
    EntryStatus ("entry-status") {
        Katalog => "katalog";
        Forslag => "forslag";
        Avbojd => "avbojd";
    }
);
