//! The vocabularies of reports, needs and trials, with their Swedish labels. (Needs and trials
//! share them with reports because search shows them side by side in one set of facets.)

use serde::{Deserialize, Serialize};

use crate::error::FieldIssue;

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident ($noun:literal) { $($variant:ident => $value:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        pub enum $name {
            $(#[serde(rename = $value)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $value,)+ }
            }

            /// The Swedish name shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            pub fn parse(value: &str) -> Option<Self> {
                match value.trim() { $($value => Some($name::$variant),)+ _ => None }
            }

            /// Every accepted value.
            pub const VALUES: &'static [&'static str] = &[$($value),+];

            /// The accepted values, for error messages.
            pub fn choices() -> String {
                Self::VALUES.join(", ")
            }

            /// The API schema of a required field taking one of these values.
            pub fn field_schema() -> utoipa::openapi::schema::Object {
                crate::openapi::choice(Self::VALUES, false, false)
            }

            /// The API schema of an optional field taking one of these values: blank or
            /// `null` means none, as [`Self::from_field`] reads it.
            pub fn optional_field_schema() -> utoipa::openapi::schema::Object {
                crate::openapi::choice(Self::VALUES, true, true)
            }

            /// The API schema of a list of these values (blank entries are skipped).
            pub fn list_field_schema() -> utoipa::openapi::schema::Array {
                crate::openapi::choices(Self::VALUES, None)
            }

            /// Reads an optional field: blank means none; an unknown value is recorded in
            /// `issues` under `field`, with the accepted values.
            pub fn from_field(value: Option<&str>, field: &str, issues: &mut Vec<FieldIssue>) -> Option<Self> {
                let value = value.map(str::trim).filter(|v| !v.is_empty())?;
                let parsed = Self::parse(value);
                if parsed.is_none() {
                    issues.push(FieldIssue::new(
                        field,
                        format!("Okänt värde {} för {}. Välj bland: {}.", crate::privacy::quoted(value), $noun, Self::choices()),
                    ));
                }
                parsed
            }
        }
    };
}

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
    /// How a test ended.
    Outcome ("utfall") {
        Inford => "inford", "Införd";
        EjInford => "ej-inford", "Ej införd";
        Forkastad => "forkastad", "Förkastad";
        FortsattTest => "fortsatt-test", "Fortsatt test";
        Pagar => "pagar", "Pågår";
    }
);

vocabulary!(
    /// Who may open an item.
    Visibility ("synlighet") {
        Public => "public", "Offentlig";
        Network => "network", "Nodens användare";
        Organisation => "organisation", "Den egna organisationen";
        Workspace => "workspace", "Arbetsrummets organisationer";
    }
);

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
    /// Whom the technology is for.
    TargetGroup ("målgrupp") {
        Aldre => "aldre", "Äldre";
        Funktionsnedsattning => "funktionsnedsattning", "Personer med funktionsnedsättning";
        BarnOchUnga => "barn-och-unga", "Barn och unga";
        Anhoriga => "anhoriga", "Anhöriga";
        Personal => "personal", "Personal";
    }
);

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

/// The Swedish label of a kind or outcome value, or the value itself when unknown.
pub fn kind_label(value: &str) -> String {
    match value {
        NEED_KIND => "Behov".to_owned(),
        TRIAL_KIND => "Test i testbädd".to_owned(),
        JOURNAL_KIND => "Journalanteckning".to_owned(),
        TECHNOLOGY_KIND => "Teknik i katalogen".to_owned(),
        _ => Kind::parse(value).map_or_else(|| value.to_owned(), |k| k.label().to_owned()),
    }
}

/// The search kinds of the items that are not documents.
pub const NEED_KIND: &str = "behov";
pub const TRIAL_KIND: &str = "testbadd";
pub const JOURNAL_KIND: &str = "journal";
pub const TECHNOLOGY_KIND: &str = "teknik";

pub fn outcome_label(value: &str) -> String {
    Outcome::parse(value).map_or_else(|| value.to_owned(), |o| o.label().to_owned())
}

pub fn phase_label(value: &str) -> String {
    Phase::parse(value)
        .map(Phase::label)
        .or_else(|| TrialPhase::parse(value).map(TrialPhase::label))
        .map_or_else(|| value.to_owned(), str::to_owned)
}

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

pub fn need_status_label(value: &str) -> String {
    NeedStatus::parse(value).map_or_else(|| value.to_owned(), |s| s.label().to_owned())
}

pub fn target_group_label(value: &str) -> String {
    TargetGroup::parse(value)
        .map(TargetGroup::label)
        .or_else(|| CareGroup::parse(value).map(CareGroup::label))
        .map_or_else(|| value.to_owned(), str::to_owned)
}

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
    /// Which way an indicator improves.
    Direction ("riktning") {
        Hogre => "hogre", "Högre är bättre";
        Lagre => "lagre", "Lägre är bättre";
    }
);
