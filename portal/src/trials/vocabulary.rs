//! The vocabularies of trials and their journals.

use crate::web::vocabulary::vocabulary;

/// The search kind of trials.
pub const TRIAL_KIND: &str = "testbadd";
/// The search kind of journal entries.
pub const JOURNAL_KIND: &str = "journal";

vocabulary!(
    /// Where a trial stands.
    TrialPhase ("trial-phase") {
        Planerad => "planerad";
        Pagar => "pagar";
        Avslutad => "avslutad";
        Avbruten => "avbruten";
    }
);

vocabulary!(
    /// What a journal entry records.
    EntryType ("entry-type") {
        Steg => "steg";
        Hinder => "hinder";
        Mojlighet => "mojlighet";
        Beslut => "beslut";
    }
);
