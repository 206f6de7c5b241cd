//! The vocabulary of needs.

use crate::web::vocabulary::vocabulary;

/// The search kind of needs.
pub const NEED_KIND: &str = "behov";

vocabulary!(
    /// Where a need stands.
    NeedStatus ("status") {
        Ny => "ny", "Ny";
        Bedoms => "bedoms", "Bedöms";
        ITest => "i-test", "I test";
        Atgardad => "atgardad", "Åtgärdad";
        Avslutad => "avslutad", "Avslutad";
    }
);
