//! The vocabulary of needs.

use crate::web::vocabulary::vocabulary;

/// The search kind of needs.
pub const NEED_KIND: &str = "behov";

vocabulary!(
    /// Where a need stands.
    NeedStatus ("need-status") {
        Ny => "ny";
        Bedoms => "bedoms";
        ITest => "i-test";
        Atgardad => "atgardad";
        Avslutad => "avslutad";
    }
);
