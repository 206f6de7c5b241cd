//! The contract parties register (avtalsparter) of a joint procurement, its award and the
//! call-offs (avrop) from the framework agreement (issue 14, point 7).
//!
//! **Who may call off.** Swedish and EU law let only the authorities named in the procurement
//! documents call off a framework agreement, and the documents must state the agreement's
//! estimated and its maximum value; once the maximum is reached the agreement is spent
//! (CJEU C-216/17 and C-23/20, HFD 2022:4). So the register lists each organisation that may
//! call off, as a party from the start ([`PartyRole::Ordinary`]) or one that may call off
//! later from a date ([`PartyRole::Later`]), with its estimated and maximum value in whole
//! kronor. The agreement's estimated and maximum value are the sums of the parties'.
//!
//! **The freeze.** From the phase annonsering on, the register is what the documents say:
//! adding a party, raising a maximum, or changing a party's role or from-date is refused
//! with a message saying why. Lowering a maximum (not below what is already called off),
//! changing the estimate within the maximum and correcting the quantity text stay allowed:
//! they narrow what the documents promise, they never widen it.
//!
//! **Call-offs.** Once the award is recorded (phase tilldelning or later) a procurement's
//! leads record call-offs for any party, and a member (not an observer) for their own
//! organisation's ([`crate::auth::policy::calls_off_for`]). Each party keeps its running
//! total; a call-off that would pass the party's maximum (or the agreement's) is refused by
//! one conditional update, so two at once cannot both slip past it. When a party's total or
//! the agreement's reaches [`WARN_PERCENT`] % of its maximum, the page warns, and the leads
//! and node staff get one mail per crossing. (Node staff are told although they may not be
//! members: a procurement with an award is past annonsering, so its parties and maximum are
//! public facts; the mail names the agreement and the share reached, nothing from inside.)

pub mod entity;
pub mod ocds;
pub mod queries;
pub mod routes;
pub mod search;
pub mod service;

pub use queries::*;
pub use service::*;

use crate::changes::Kind;
use crate::web::vocabulary::vocabulary;

use super::Phase;

/// Contract parties in the change log.
pub const PARTY: Kind = Kind::new("procurement_party");

/// Call-offs in the change log.
pub const CALLOFF: Kind = Kind::new("procurement_calloff");

/// The share of a maximum at which the leads and node staff are warned.
pub const WARN_PERCENT: i64 = 80;

vocabulary!(
    /// A contract party's role: a party from the start or one that may call off later.
    PartyRole ("party-role") {
        Ordinary => "ordinary";
        Later => "later";
    }
);

/// Whether a procurement in `phase` has its register frozen (annonsering or later).
pub fn is_frozen(phase: &str) -> bool {
    reached(phase, Phase::Annonsering)
}

/// Whether a procurement in `phase` may record its award and call-offs (tilldelning or
/// later).
pub fn is_awardable(phase: &str) -> bool {
    reached(phase, Phase::Tilldelning)
}

fn reached(phase: &str, at: Phase) -> bool {
    Phase::parse(phase).is_some_and(|p| p.position() >= at.position())
}

/// Whole kronor as Swedes write them: "1 250 000 kr".
pub fn kronor(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{grouped}\u{a0}kr")
}

/// `part` of `whole` in whole percent (rounded down; 0 of 0 is 0).
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        return if part > 0 { 100 } else { 0 };
    }
    i64::try_from(i128::from(part) * 100 / i128::from(whole)).unwrap_or(i64::MAX)
}

/// Whether `total` has reached the warning share of `maximum`.
pub fn at_warning(total: i64, maximum: i64) -> bool {
    total > 0 && i128::from(total) * 100 >= i128::from(maximum) * i128::from(WARN_PERCENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kronor_are_grouped_by_thousands() {
        assert_eq!(kronor(0), "0\u{a0}kr");
        assert_eq!(kronor(950), "950\u{a0}kr");
        assert_eq!(kronor(1_250_000), "1\u{a0}250\u{a0}000\u{a0}kr");
    }

    #[test]
    fn the_warning_starts_at_eighty_percent() {
        assert!(!at_warning(799, 1000));
        assert!(at_warning(800, 1000));
        assert!(!at_warning(0, 0));
        assert_eq!(percent(850, 1000), 85);
    }

    #[test]
    fn the_register_freezes_at_annonsering_and_call_offs_start_at_tilldelning() {
        assert!(!is_frozen("forfragningsunderlag"));
        assert!(is_frozen("annonsering"));
        assert!(is_frozen("uppfoljning"));
        assert!(!is_awardable("utvardering"));
        assert!(is_awardable("tilldelning"));
    }
}
