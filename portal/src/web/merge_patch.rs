//! `PATCH` through the API: a JSON Merge Patch (RFC 7396) on the body `PUT` takes.
//!
//! A feature gives the input that would leave its item as it stands (what `PUT` would be sent
//! to change nothing), [`patched`] merges the client's patch into it, and the handler hands
//! the result to the same service function `PUT` calls: policy, checks, revisions, review,
//! audit and change log are `PUT`'s, field for field.
//!
//! [`patch_schema!`] describes such a body in the OpenAPI document: the input's fields, none of
//! them required, and `null` allowed where removing a field gives it its default.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{
    AdditionalProperties, AnyOfBuilder, Object, ObjectBuilder, Schema, SchemaType, Type,
};

use crate::error::{AppError, FieldIssue};

/// The media type of a JSON Merge Patch; `application/json` is read the same way.
pub const CONTENT_TYPE: &str = "application/merge-patch+json";

/// `current` with `patch` merged into it (RFC 7396): the members the patch names get its
/// values, `null` removes a member (it then takes its default, or is missing if the input
/// requires it), everything else stays. A patch that is not a JSON object, or whose result is
/// not an input of the right shape, is a 422 naming the field; the values themselves are
/// checked by the service the result goes to, as for `PUT`.
pub fn patched<I: Serialize + DeserializeOwned>(current: &I, patch: Value) -> Result<I, AppError> {
    if !patch.is_object() {
        return Err(AppError::Invalid(vec![FieldIssue::new(
            "",
            "patch-error-not-an-object",
        )]));
    }
    let mut document = serde_json::to_value(current)
        .map_err(|e| AppError::internal_from("the current input as JSON", e))?;
    // Every field of the input is in `document`; a name that is not is refused, even with
    // `null`, which would otherwise remove nothing and pass unnoticed.
    if let (Some(fields), Some(sent)) = (document.as_object(), patch.as_object())
        && let Some(unknown) = sent.keys().find(|k| !fields.contains_key(*k))
    {
        return Err(AppError::Invalid(vec![FieldIssue::new(
            unknown.as_str(),
            UNKNOWN_FIELD,
        )]));
    }
    json_patch::merge(&mut document, &patch);
    serde_path_to_error::deserialize(document).map_err(|e| AppError::Invalid(vec![issue_of(&e)]))
}

const UNKNOWN_FIELD: &str = "patch-error-unknown-field";

/// The field a merged body breaks, named as the client sends it (`title`, `sections.etik`).
fn issue_of(error: &serde_path_to_error::Error<serde_json::Error>) -> FieldIssue {
    use serde_path_to_error::Segment;
    let mut field: Vec<&str> = error
        .path()
        .iter()
        .filter_map(|segment| match segment {
            Segment::Map { key } => Some(key.as_str()),
            Segment::Enum { variant } => Some(variant.as_str()),
            Segment::Seq { .. } | Segment::Unknown => None,
        })
        .collect();
    // serde's own wording, the one place it names a field the path cannot hold.
    let cause = error.inner().to_string();
    let missing = cause
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(name, _)| name);
    let message = if let Some(name) = missing {
        field.push(name);
        "patch-error-field-required"
    } else if cause.starts_with("unknown field `") {
        UNKNOWN_FIELD
    } else {
        "patch-error-wrong-type"
    };
    FieldIssue::new(field.join("."), message)
}

/// The schema of a merge patch of the input whose schema is `input` (named `name`): its fields,
/// none required; `null` allowed for each field the input does not require (removing it gives
/// its default), nested objects likewise, where `null` for a key they do not hold removes
/// nothing and is accepted.
pub fn schema_of(input: RefOr<Schema>, name: &str) -> RefOr<Schema> {
    let RefOr::T(Schema::Object(object)) = input else {
        return input;
    };
    let mut object = optional_fields(object, false);
    object.description = Some(format!(
        "A JSON Merge Patch (RFC 7396) of `{name}`, sent as `{CONTENT_TYPE}` (or \
         `application/json`): only the fields sent change. `null` removes a field, which then \
         takes its default; a field `{name}` requires cannot be removed. The result is checked \
         as the same body sent with `PUT` would be."
    ));
    RefOr::T(Schema::Object(object))
}

/// `object` as a patch describes it; `nested` below the top, where the patch is merged into a
/// map and an unknown key with `null` is a removal of nothing (at the top, [`patched`] refuses
/// unknown names outright).
fn optional_fields(mut object: Object, nested: bool) -> Object {
    let required = std::mem::take(&mut object.required);
    if nested
        && matches!(
            object.additional_properties.as_deref(),
            Some(AdditionalProperties::FreeForm(false))
        )
    {
        object.additional_properties = Some(Box::new(AdditionalProperties::RefOr(RefOr::T(
            Schema::Object(ObjectBuilder::new().schema_type(Type::Null).build()),
        ))));
    }
    for (name, property) in object.properties.iter_mut() {
        let inner = match std::mem::replace(property, RefOr::T(Schema::default())) {
            RefOr::T(Schema::Object(inner)) if !inner.properties.is_empty() => {
                RefOr::T(Schema::Object(optional_fields(inner, true)))
            }
            other => other,
        };
        *property = if required.contains(name) {
            inner
        } else {
            nullable(inner)
        };
    }
    object
}

/// `schema`, admitting `null` too.
fn nullable(schema: RefOr<Schema>) -> RefOr<Schema> {
    match schema {
        RefOr::T(Schema::Object(mut object)) if object.schema_type != SchemaType::AnyValue => {
            object.schema_type = with_null(&object.schema_type);
            if let Some(values) = object.enum_values.as_mut()
                && !values.contains(&Value::Null)
            {
                values.push(Value::Null);
            }
            RefOr::T(Schema::Object(object))
        }
        RefOr::T(Schema::Array(mut array)) => {
            array.schema_type = with_null(&array.schema_type);
            RefOr::T(Schema::Array(array))
        }
        RefOr::T(Schema::Object(any)) => RefOr::T(Schema::Object(any)),
        other => AnyOfBuilder::new()
            .item(other)
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .into(),
    }
}

fn with_null(schema_type: &SchemaType) -> SchemaType {
    let mut types = match schema_type {
        SchemaType::Type(t) => vec![t.clone()],
        SchemaType::Array(types) => types.clone(),
        SchemaType::AnyValue => return SchemaType::AnyValue,
    };
    if !types.contains(&Type::Null) {
        types.push(Type::Null);
    }
    SchemaType::from_iter(types)
}

/// Declares a unit type whose OpenAPI schema is a merge patch of `$input` (see [`schema_of`]),
/// for `request_body(content(...))` of a `PATCH` operation.
///
/// `patch_schema!(NeedPatch for NeedInput);`
macro_rules! patch_schema {
    ($name:ident for $input:ty) => {
        #[doc = concat!("A JSON Merge Patch of [`", stringify!($input), "`], for the API document.")]
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::web::merge_patch::schema_of(
                    <$input as utoipa::PartialSchema>::schema(),
                    &<$input as utoipa::ToSchema>::name(),
                )
            }
        }

        impl utoipa::ToSchema for $name {
            fn schemas(
                schemas: &mut Vec<(
                    String,
                    utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
                )>,
            ) {
                <$input as utoipa::ToSchema>::schemas(schemas);
            }
        }
    };
}
pub(crate) use patch_schema;

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    use super::patched;
    use crate::error::AppError;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        title: String,
        #[serde(default)]
        text: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        sections: std::collections::BTreeMap<String, String>,
        #[serde(default)]
        lead: Option<String>,
    }

    fn current() -> Input {
        Input {
            title: "Nattkamera".into(),
            text: "Färre besök.".into(),
            tags: vec!["natt".into()],
            sections: [("behov".to_owned(), "Oro.".to_owned())].into(),
            lead: Some("0482".into()),
        }
    }

    fn issue(result: Result<Input, AppError>) -> (String, String) {
        match result {
            Err(AppError::Invalid(issues)) => {
                assert_eq!(issues.len(), 1, "{issues:?}");
                (
                    issues[0].field.clone(),
                    crate::web::i18n::message(&issues[0].message),
                )
            }
            other => panic!("not a field issue: {other:?}"),
        }
    }

    #[test]
    fn only_the_fields_sent_change() {
        let merged = patched(&current(), json!({"title": "Nattkamera i Flen"})).unwrap();
        assert_eq!(
            merged,
            Input {
                title: "Nattkamera i Flen".into(),
                ..current()
            }
        );
        assert_eq!(patched(&current(), json!({})).unwrap(), current());
    }

    #[test]
    fn null_removes_a_field_and_nested_objects_merge() {
        let merged = patched(
            &current(),
            json!({"text": null, "lead": null, "tags": ["dag"],
                   "sections": {"behov": null, "etik": "Samtycke."}}),
        )
        .unwrap();
        assert_eq!(merged.text, "");
        assert_eq!(merged.lead, None);
        assert_eq!(merged.tags, ["dag"], "arrays are replaced whole");
        assert_eq!(
            merged.sections,
            [("etik".to_owned(), "Samtycke.".to_owned())].into()
        );
    }

    #[test]
    fn a_broken_patch_names_its_field() {
        for patch in [json!([]), json!("titel"), json!(null), json!(3)] {
            let (field, message) = issue(patched(&current(), patch));
            assert_eq!(field, "");
            assert!(message.contains("JSON-objekt"), "{message}");
        }
        let (field, message) = issue(patched(&current(), json!({"title": null})));
        assert_eq!(field, "title");
        assert!(message.contains("krävs"), "{message}");
        for patch in [json!({"titel": "x"}), json!({"titel": null})] {
            let (field, message) = issue(patched(&current(), patch));
            assert_eq!(field, "titel");
            assert!(message.contains("Okänt fält"), "{message}");
        }
        let (field, _) = issue(patched(&current(), json!({"tags": ["a", 7]})));
        assert_eq!(field, "tags");
        let (field, _) = issue(patched(&current(), json!({"sections": {"etik": 7}})));
        assert_eq!(field, "sections.etik");
        let (field, _) = issue(patched(&current(), json!({"title": 5})));
        assert_eq!(field, "title");
    }
}
