//! The vocabularies of a report: kind, outcome and visibility, with their Swedish labels.

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

            /// The accepted values, for error messages.
            pub fn choices() -> String {
                [$($value),+].join(", ")
            }

            /// Reads an optional field: blank means none; an unknown value is recorded in
            /// `issues` under `field`, with the accepted values.
            pub fn from_field(value: Option<&str>, field: &str, issues: &mut Vec<FieldIssue>) -> Option<Self> {
                let value = value.map(str::trim).filter(|v| !v.is_empty())?;
                let parsed = Self::parse(value);
                if parsed.is_none() {
                    issues.push(FieldIssue::new(
                        field,
                        format!("Okänt värde \"{value}\" för {}. Välj bland: {}.", $noun, Self::choices()),
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

/// The Swedish label of a kind or outcome value, or the value itself when unknown.
pub fn kind_label(value: &str) -> String {
    Kind::parse(value).map_or_else(|| value.to_owned(), |k| k.label().to_owned())
}

pub fn outcome_label(value: &str) -> String {
    Outcome::parse(value).map_or_else(|| value.to_owned(), |o| o.label().to_owned())
}

pub fn phase_label(value: &str) -> String {
    Phase::parse(value).map_or_else(|| value.to_owned(), |p| p.label().to_owned())
}

pub fn target_group_label(value: &str) -> String {
    TargetGroup::parse(value).map_or_else(|| value.to_owned(), |t| t.label().to_owned())
}
