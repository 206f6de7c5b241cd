//! Reference vocabularies several features share.

use crate::web::vocabulary::vocabulary;

vocabulary!(
    /// Whom a need, a trial or a report serves: the part of care it belongs to, or the
    /// relatives and staff around it. One list, so a final report starts from its trial's.
    TargetGroup ("målgrupp") {
        OrdinartBoende => "ordinart-boende", "Äldreomsorg i ordinärt boende";
        SarskiltBoende => "sarskilt-boende", "Särskilt boende";
        Lss => "lss", "LSS";
        Socialpsykiatri => "socialpsykiatri", "Socialpsykiatri";
        Ifo => "ifo", "Individ- och familjeomsorg";
        Hemsjukvard => "hemsjukvard", "Hemsjukvård";
        Anhoriga => "anhoriga", "Anhöriga";
        Personal => "personal", "Personal";
    }
);

impl TargetGroup {
    /// What a report's target group of the older, separate list (`aldre`,
    /// `funktionsnedsattning`, `barn-och-unga`) stands for in this one; older files and
    /// clients still send them. `None` for any other value.
    pub fn legacy(value: &str) -> Option<&'static [TargetGroup]> {
        match value.trim() {
            "aldre" => Some(&[TargetGroup::OrdinartBoende, TargetGroup::SarskiltBoende]),
            "funktionsnedsattning" => Some(&[TargetGroup::Lss]),
            "barn-och-unga" => Some(&[TargetGroup::Ifo]),
            _ => None,
        }
    }
}
