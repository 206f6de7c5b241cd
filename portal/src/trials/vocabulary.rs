//! The vocabularies of trials and their journals.

use crate::web::vocabulary::vocabulary;

/// The search kind of trials.
pub const TRIAL_KIND: &str = "testbadd";
/// The search kind of journal entries.
pub const JOURNAL_KIND: &str = "journal";

vocabulary!(
    /// Where a trial stands.
    TrialPhase ("fas") {
        Planerad => "planerad", "Planerad";
        Pagar => "pagar", "Pågår";
        Avslutad => "avslutad", "Avslutad";
        Avbruten => "avbruten", "Avbruten";
    }
);

vocabulary!(
    /// What a journal entry records.
    EntryType ("typ av anteckning") {
        Steg => "steg", "Steg";
        Hinder => "hinder", "Hinder";
        Mojlighet => "mojlighet", "Möjlighet";
        Beslut => "beslut", "Beslut";
    }
);
