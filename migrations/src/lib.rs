//! Noden's database schema, as append-only sea-orm migrations.
//!
//! Migrations never import entities: each describes its tables with its own identifiers,
//! so later changes to the portal's entities cannot rewrite history.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_reference_data;
mod m20261123_000002_create_reports;
mod m20261123_000003_create_change_log;
mod m20261123_000004_create_identity;
mod m20261123_000005_add_report_phase_and_target_groups;
mod m20261123_000006_create_workspaces;
mod m20261123_000007_create_needs_and_trials;
mod m20261123_000008_create_technologies_and_follow_ups;
mod m20261204_000009_add_organisation_register_name;
mod m20261204_000010_create_jobs;
mod m20261204_094500_create_workspace_users;
mod m20261204_100000_add_list_indexes;
mod m20261204_120000_create_attachments;
mod m20261204_121000_create_revisions;
mod m20261204_121100_add_withdrawn_columns;
mod m20261204_122000_add_catalogue_withdrawal_and_proposals;
mod m20261204_123000_add_report_pending_edit;
mod m20261204_125000_add_sign_in_link_return_to;
mod m20261204_130000_one_target_group_list;
mod m20261204_140000_create_procurements;
mod m20261204_150000_create_procurement_requirements;
mod m20261204_160000_create_procurement_documents;
mod m20261204_170000_create_contract_parties;
mod m20261204_180000_create_procurement_talk;
mod m20261205_090000_create_notifications;
mod m20261205_120000_create_coach_profiles;
mod m20261205_130000_create_field_reports;
mod m20261205_140000_create_comments;
mod m20261206_090000_create_federation_peers;
mod m20261207_090000_add_peer_reconciliation;
mod m20261208_090000_create_former_slugs;
mod m20261209_090000_add_freshness;
mod m20261210_090000_add_user_language;
mod m20261211_090000_create_vocabulary;
mod m20261212_090000_compress_text_with_lz4;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_reference_data::Migration),
            Box::new(m20261123_000002_create_reports::Migration),
            Box::new(m20261123_000003_create_change_log::Migration),
            Box::new(m20261123_000004_create_identity::Migration),
            Box::new(m20261123_000005_add_report_phase_and_target_groups::Migration),
            Box::new(m20261123_000006_create_workspaces::Migration),
            Box::new(m20261123_000007_create_needs_and_trials::Migration),
            Box::new(m20261123_000008_create_technologies_and_follow_ups::Migration),
            Box::new(m20261204_000009_add_organisation_register_name::Migration),
            Box::new(m20261204_000010_create_jobs::Migration),
            Box::new(m20261204_094500_create_workspace_users::Migration),
            Box::new(m20261204_100000_add_list_indexes::Migration),
            Box::new(m20261204_120000_create_attachments::Migration),
            Box::new(m20261204_121000_create_revisions::Migration),
            Box::new(m20261204_121100_add_withdrawn_columns::Migration),
            Box::new(m20261204_122000_add_catalogue_withdrawal_and_proposals::Migration),
            Box::new(m20261204_123000_add_report_pending_edit::Migration),
            Box::new(m20261204_125000_add_sign_in_link_return_to::Migration),
            Box::new(m20261204_130000_one_target_group_list::Migration),
            Box::new(m20261204_140000_create_procurements::Migration),
            Box::new(m20261204_150000_create_procurement_requirements::Migration),
            Box::new(m20261204_160000_create_procurement_documents::Migration),
            Box::new(m20261204_170000_create_contract_parties::Migration),
            Box::new(m20261204_180000_create_procurement_talk::Migration),
            Box::new(m20261205_090000_create_notifications::Migration),
            Box::new(m20261205_120000_create_coach_profiles::Migration),
            Box::new(m20261205_140000_create_comments::Migration),
            Box::new(m20261205_130000_create_field_reports::Migration),
            Box::new(m20261206_090000_create_federation_peers::Migration),
            Box::new(m20261207_090000_add_peer_reconciliation::Migration),
            Box::new(m20261208_090000_create_former_slugs::Migration),
            Box::new(m20261209_090000_add_freshness::Migration),
            Box::new(m20261210_090000_add_user_language::Migration),
            Box::new(m20261211_090000_create_vocabulary::Migration),
            Box::new(m20261212_090000_compress_text_with_lz4::Migration),
        ]
    }
}
