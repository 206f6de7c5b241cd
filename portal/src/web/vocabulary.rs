//! Closed lists of values (a report's kind, a trial's phase) with their labels in each
//! language. Each feature declares its own with [`vocabulary!`]; the ones several features
//! share live in the kernel they belong to (visibility with the policy, parts of care with the
//! catalog). The labels are in the catalogues (`portal/locales/*.ftl`): the list's key names
//! it in the middle of a sentence ("fas"), and `{key}-{value}` labels each value ("Pågår").

/// Declares a vocabulary: an enum whose values are stored as the given strings and labelled
/// from the catalogues under the given key, with parsing, form-field reading and API schemas.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident ($key:literal) { $($variant:ident => $value:literal;)+ }) => {
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

            /// The name shown to users, in the language of the page being rendered (Swedish
            /// outside a request).
            pub fn label(self) -> &'static str {
                self.label_in($crate::web::i18n::lang())
            }

            /// The name shown to users of `lang`.
            pub fn label_in(self, lang: $crate::web::i18n::Lang) -> &'static str {
                static LABELS: std::sync::LazyLock<[Vec<String>; 2]> = std::sync::LazyLock::new(|| {
                    $crate::web::i18n::Lang::ALL.map(|lang| {
                        $name::ALL
                            .iter()
                            .map(|v| $crate::web::i18n::text(lang, &format!("{}-{}", $key, v.as_str())))
                            .collect()
                    })
                });
                let at = Self::ALL.iter().position(|v| *v == self).unwrap_or_default();
                LABELS[lang.index()].get(at).map_or("", String::as_str)
            }

            /// The name of a stored value, or the value itself when unknown.
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
                    let lang = $crate::web::i18n::lang();
                    let message = $crate::web::i18n::text_with(lang, "vocabulary-unknown", &[
                        ("value", $crate::privacy::quoted(value).into()),
                        ("list", $crate::web::i18n::text(lang, $key).into()),
                        ("choices", Self::choices().into()),
                    ]);
                    issues.push($crate::error::FieldIssue::new(field, message));
                }
                parsed
            }
        }
    };
}
pub(crate) use vocabulary;
