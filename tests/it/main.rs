//! End-to-end tests: the real portal over HTTP on a free port, every scenario on SQLite and
//! on PostgreSQL. One binary, so CI links once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;
mod harness;
#[path = "../../benches/markdown/shapes.rs"]
mod markdown_shapes;
mod smtp;

mod access;
mod accessibility;
mod api_reports;
mod changes;
mod followups;
mod import;
mod instances;
mod jobs;
mod migrations;
mod oidc;
mod pages;
mod privacy;
mod search;
mod security;
mod sign_in;
mod testbeds;
mod writing;
