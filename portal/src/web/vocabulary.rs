//! Closed lists of values (a report's kind, a trial's phase) with their Swedish labels. Each
//! feature declares its own with [`vocabulary!`]; the ones several features share live in
//! the kernel they belong to (visibility with the policy, parts of care with the catalog).

/// Declares a vocabulary: an enum whose values are stored as the given strings and shown with
/// the given Swedish labels, with parsing, form-field reading and API schemas.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident ($noun:literal) { $($variant:ident => $value:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
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

            /// The Swedish name of a stored value, or the value itself when unknown.
            pub fn label_of(value: &str) -> String {
                Self::parse(value).map_or_else(|| value.to_owned(), |v| v.label().to_owned())
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
                $crate::openapi::choice(Self::VALUES, false, false)
            }

            /// The API schema of an optional field taking one of these values: blank or
            /// `null` means none, as [`Self::from_field`] reads it.
            pub fn optional_field_schema() -> utoipa::openapi::schema::Object {
                $crate::openapi::choice(Self::VALUES, true, true)
            }

            /// The API schema of a list of these values (blank entries are skipped).
            pub fn list_field_schema() -> utoipa::openapi::schema::Array {
                $crate::openapi::choices(Self::VALUES, None)
            }

            /// Reads an optional field: blank means none; an unknown value is recorded in
            /// `issues` under `field`, with the accepted values.
            pub fn from_field(value: Option<&str>, field: &str, issues: &mut Vec<$crate::error::FieldIssue>) -> Option<Self> {
                let value = value.map(str::trim).filter(|v| !v.is_empty())?;
                let parsed = Self::parse(value);
                if parsed.is_none() {
                    issues.push($crate::error::FieldIssue::new(
                        field,
                        format!("Okänt värde {} för {}. Välj bland: {}.", $crate::privacy::quoted(value), $noun, Self::choices()),
                    ));
                }
                parsed
            }
        }
    };
}
pub(crate) use vocabulary;
