//! Abuse limits: how often one address or one client may ask for sign-ins and write.
//! Counted per portal instance (governor's keyed token buckets).

use std::num::NonZeroU32;

use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Settings;
use crate::error::AppError;

pub struct Limits {
    links_per_address: DefaultKeyedRateLimiter<String>,
    sign_ins_per_client: DefaultKeyedRateLimiter<String>,
    writes_per_client: DefaultKeyedRateLimiter<String>,
    previews_per_user: DefaultKeyedRateLimiter<String>,
    refusals_per_client: DefaultKeyedRateLimiter<String>,
}

/// Refused requests from one client recorded in the audit trail per hour; past that they are
/// only logged, so a flood of bad requests cannot fill the trail.
const RECORDED_REFUSALS_PER_HOUR: u32 = 60;

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Limits")
    }
}

fn at_least_one(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

impl Limits {
    pub fn new(settings: &Settings) -> Limits {
        Limits {
            links_per_address: RateLimiter::keyed(Quota::per_hour(at_least_one(
                settings.sign_in_links_per_address_per_hour,
            ))),
            sign_ins_per_client: RateLimiter::keyed(Quota::per_hour(at_least_one(
                settings.sign_ins_per_client_per_hour,
            ))),
            writes_per_client: RateLimiter::keyed(Quota::per_minute(at_least_one(
                settings.writes_per_client_per_minute,
            ))),
            previews_per_user: RateLimiter::keyed(Quota::per_minute(at_least_one(
                settings.previews_per_user_per_minute,
            ))),
            refusals_per_client: RateLimiter::keyed(Quota::per_hour(at_least_one(
                RECORDED_REFUSALS_PER_HOUR,
            ))),
        }
    }

    pub fn sign_in_link_for(&self, address: &str) -> Result<(), AppError> {
        check(&self.links_per_address, address)
    }

    pub fn sign_in_from(&self, client: Option<&str>) -> Result<(), AppError> {
        check(&self.sign_ins_per_client, client.unwrap_or("unknown"))
    }

    /// `who` is the user's id, or "node" for the node's own token.
    pub fn preview_for(&self, who: &str) -> Result<(), AppError> {
        check(&self.previews_per_user, who)
    }

    pub fn write_from(&self, client: Option<&str>) -> Result<(), AppError> {
        check(&self.writes_per_client, client.unwrap_or("unknown"))
    }

    /// Whether a refused request from `client` is still to be recorded in the audit trail.
    pub fn records_refusal_from(&self, client: Option<&str>) -> bool {
        check(&self.refusals_per_client, client.unwrap_or("unknown")).is_ok()
    }
}

fn check(limiter: &DefaultKeyedRateLimiter<String>, key: &str) -> Result<(), AppError> {
    if limiter.len() > 100_000 {
        limiter.retain_recent();
    }
    limiter.check_key(&key.to_owned()).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        AppError::TooManyRequests {
            retry_after_secs: wait.as_secs().max(1),
        }
    })
}
