//! End-to-end tests: the real portal over HTTP on a free port, every scenario on SQLite and
//! on PostgreSQL. One binary, so CI links once.
//!
//! Writing one: an `async fn scenario(backend: Backend)` listed in the file's
//! `on_both_backends!`, starting from `TestApp::new(backend)` (or `TestApp::builder` for a
//! fixed clock or other settings). `app.with_user(Role::Member, "0482")` gives a signed-in
//! user of that organisation without the mail round trip: `get`, `submit` (a form with its
//! CSRF token), `get_json`, `send_json` (with the user's own access token). Only sign_in.rs,
//! smtp.rs and oidc.rs sign in for real. Move time with the clock, never wait on the wall
//! clock: poll for a condition with a generous guard if you must, and put measured latencies
//! in the benchmarks. A new API resource or e-mail gets a snapshot in shapes.rs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;
mod harness;
#[path = "../../benches/lists/seed.rs"]
#[allow(dead_code)]
mod lists_seed;
#[path = "../../benches/markdown/shapes.rs"]
mod markdown_shapes;
mod smtp;

mod access;
mod accessibility;
mod account;
mod addresses;
mod api_patch;
mod api_reports;
mod attachments;
mod backup;
mod catalogue_editing;
mod changes;
mod cli_language;
mod coaches;
mod comments;
mod dcat;
mod digests;
mod documents;
mod editing;
mod faults;
mod federation;
mod feeds;
mod fieldreports;
mod following;
mod followups;
mod freshness;
mod import;
mod instances;
mod jobs;
mod languages;
mod lists;
mod metrics;
mod migrations;
mod oidc;
mod pages;
mod privacy;
mod procurement;
mod procurement_contract;
mod procurement_documents;
mod procurement_requirements;
mod procurement_talk;
mod proxies;
mod reviewing;
mod search;
mod security;
mod shapes;
mod sign_in;
mod testbeds;
mod thesaurus;
mod writing;
