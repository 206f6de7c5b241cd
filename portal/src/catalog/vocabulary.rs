//! Reference vocabularies several features share.

use crate::web::vocabulary::vocabulary;

vocabulary!(
    /// Whom a need or a trial serves: the part of care it belongs to.
    CareGroup ("målgrupp") {
        OrdinartBoende => "ordinart-boende", "Äldreomsorg i ordinärt boende";
        SarskiltBoende => "sarskilt-boende", "Särskilt boende";
        Lss => "lss", "LSS";
        Socialpsykiatri => "socialpsykiatri", "Socialpsykiatri";
        Ifo => "ifo", "Individ- och familjeomsorg";
        Hemsjukvard => "hemsjukvard", "Hemsjukvård";
    }
);
