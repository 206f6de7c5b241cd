//! Whole numbers in JSON bodies. JSON Schema's `integer` admits `13.0`, so a body the OpenAPI
//! document allows may write a whole number with a fraction of zero, which serde's integers
//! refuse. These read a whole number written either way (`#[serde(deserialize_with = ...)]`)
//! and refuse a fraction or a number out of range.

use serde::{Deserialize, Deserializer, de::Error};

fn whole<'de, D: Deserializer<'de>>(n: serde_json::Number) -> Result<i64, D::Error> {
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    let value = n.as_f64().unwrap_or(f64::NAN);
    // i64::MAX as f64 rounds up to 2^63, so the upper bound is exclusive.
    if value.fract() == 0.0 && value >= -(2f64.powi(63)) && value < 2f64.powi(63) {
        // Whole and in range, so the cast is exact.
        Ok(value as i64)
    } else {
        Err(D::Error::custom(format!(
            "expected a whole number, got {n}"
        )))
    }
}

/// A whole number as `i64`.
pub fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    whole::<D>(serde_json::Number::deserialize(d)?)
}

/// A whole number as `i32`.
pub fn i32<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    let value = whole::<D>(serde_json::Number::deserialize(d)?)?;
    i32::try_from(value)
        .map_err(|_| D::Error::custom(format!("expected a whole number, got {value}")))
}

/// A whole number as `i32`, or none.
pub fn option_i32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    let Some(n) = Option::<serde_json::Number>::deserialize(d)? else {
        return Ok(None);
    };
    let value = whole::<D>(n)?;
    i32::try_from(value)
        .map(Some)
        .map_err(|_| D::Error::custom(format!("expected a whole number, got {value}")))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Body {
        #[serde(deserialize_with = "super::i64")]
        amount: i64,
        #[serde(default, deserialize_with = "super::option_i32")]
        weight: Option<i32>,
    }

    #[derive(Deserialize)]
    struct Hours {
        #[serde(deserialize_with = "super::i32")]
        hours: i32,
    }

    fn read(json: &str) -> Result<Body, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn whole_numbers_are_read_with_or_without_a_zero_fraction() {
        let body = read(r#"{"amount": 1566504787.0, "weight": 13.0}"#).unwrap();
        assert_eq!((body.amount, body.weight), (1_566_504_787, Some(13)));
        let body = read(r#"{"amount": 3380069945644347392}"#).unwrap();
        assert_eq!(
            (body.amount, body.weight),
            (3_380_069_945_644_347_392, None)
        );
        assert_eq!(
            read(r#"{"amount": 1, "weight": null}"#).unwrap().weight,
            None
        );
        assert!(read(r#"{"amount": 1.5}"#).is_err());
        assert!(read(r#"{"amount": 1, "weight": 4294967297}"#).is_err());
        assert!(read(r#"{"amount": 1e30}"#).is_err());
        let hours = |json: &str| serde_json::from_str::<Hours>(json).map(|h| h.hours);
        assert_eq!(hours(r#"{"hours": 336.0}"#).unwrap(), 336);
        assert!(hours(r#"{"hours": 2.5}"#).is_err());
        assert!(hours(r#"{"hours": 4294967297}"#).is_err());
    }
}
