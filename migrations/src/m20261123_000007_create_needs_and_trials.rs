//! Needs and trials: a need raised by one organisation and shared by others, trials in a test
//! bed with their participants and journal, and the review of reports (status, revisions).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Needs {
    Table,
    Id,
    Slug,
    Title,
    DescriptionMd,
    DescriptionHtml,
    TargetGroup,
    CategoryId,
    OrganisationId,
    Status,
    Visibility,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum NeedEndorsements {
    Table,
    NeedId,
    OrganisationId,
    Note,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Trials {
    Table,
    Id,
    Slug,
    Title,
    DescriptionMd,
    DescriptionHtml,
    LeadOrganisationId,
    Technology,
    Product,
    Supplier,
    TargetGroup,
    CategoryId,
    StartsOn,
    EndsOn,
    Phase,
    Visibility,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrialParticipants {
    Table,
    TrialId,
    OrganisationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrialNeeds {
    Table,
    TrialId,
    NeedId,
}

#[derive(DeriveIden, Clone, Copy)]
enum JournalEntries {
    Table,
    Id,
    TrialId,
    EntryType,
    HappenedOn,
    BodyMd,
    BodyHtml,
    OrganisationId,
    AuthorId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ReportRevisions {
    Table,
    Id,
    ReportId,
    Number,
    Title,
    BodyMd,
    EditedBy,
    EditedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Reports {
    Table,
    Id,
    Status,
    TrialId,
    Sections,
    ReviewComment,
    AuthorId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    NotifyByEmail,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Categories {
    Table,
    Id,
}

fn cascade(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Needs::Table)
                    .col(pk_uuid(Needs::Id))
                    .col(string_uniq(Needs::Slug))
                    .col(string(Needs::Title))
                    .col(text(Needs::DescriptionMd))
                    .col(text(Needs::DescriptionHtml))
                    .col(string_len(Needs::TargetGroup, 40))
                    .col(uuid_null(Needs::CategoryId))
                    .col(uuid(Needs::OrganisationId))
                    .col(string_len(Needs::Status, 16))
                    .col(string_len(Needs::Visibility, 16))
                    .col(uuid_null(Needs::CreatedBy))
                    .col(timestamp_with_time_zone(Needs::CreatedAt))
                    .col(timestamp_with_time_zone(Needs::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (Needs::Table, Needs::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Needs::Table, Needs::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NeedEndorsements::Table)
                    .col(uuid(NeedEndorsements::NeedId))
                    .col(uuid(NeedEndorsements::OrganisationId))
                    .col(text(NeedEndorsements::Note))
                    .col(uuid_null(NeedEndorsements::UserId))
                    .col(timestamp_with_time_zone(NeedEndorsements::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(NeedEndorsements::NeedId)
                            .col(NeedEndorsements::OrganisationId),
                    )
                    .foreign_key(&mut cascade(
                        (NeedEndorsements::Table, NeedEndorsements::NeedId),
                        (Needs::Table, Needs::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (NeedEndorsements::Table, NeedEndorsements::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Trials::Table)
                    .col(pk_uuid(Trials::Id))
                    .col(string_uniq(Trials::Slug))
                    .col(string(Trials::Title))
                    .col(text(Trials::DescriptionMd))
                    .col(text(Trials::DescriptionHtml))
                    .col(uuid(Trials::LeadOrganisationId))
                    .col(string(Trials::Technology))
                    .col(string(Trials::Product))
                    .col(string(Trials::Supplier))
                    .col(string_len(Trials::TargetGroup, 40))
                    .col(uuid_null(Trials::CategoryId))
                    .col(date_null(Trials::StartsOn))
                    .col(date_null(Trials::EndsOn))
                    .col(string_len(Trials::Phase, 16))
                    .col(string_len(Trials::Visibility, 16))
                    .col(timestamp_with_time_zone(Trials::CreatedAt))
                    .col(timestamp_with_time_zone(Trials::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (Trials::Table, Trials::LeadOrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Trials::Table, Trials::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrialParticipants::Table)
                    .col(uuid(TrialParticipants::TrialId))
                    .col(uuid(TrialParticipants::OrganisationId))
                    .primary_key(
                        Index::create()
                            .col(TrialParticipants::TrialId)
                            .col(TrialParticipants::OrganisationId),
                    )
                    .foreign_key(&mut cascade(
                        (TrialParticipants::Table, TrialParticipants::TrialId),
                        (Trials::Table, Trials::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (TrialParticipants::Table, TrialParticipants::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrialNeeds::Table)
                    .col(uuid(TrialNeeds::TrialId))
                    .col(uuid(TrialNeeds::NeedId))
                    .primary_key(
                        Index::create()
                            .col(TrialNeeds::TrialId)
                            .col(TrialNeeds::NeedId),
                    )
                    .foreign_key(&mut cascade(
                        (TrialNeeds::Table, TrialNeeds::TrialId),
                        (Trials::Table, Trials::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (TrialNeeds::Table, TrialNeeds::NeedId),
                        (Needs::Table, Needs::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(JournalEntries::Table)
                    .col(pk_uuid(JournalEntries::Id))
                    .col(uuid(JournalEntries::TrialId))
                    .col(string_len(JournalEntries::EntryType, 16))
                    .col(date(JournalEntries::HappenedOn))
                    .col(text(JournalEntries::BodyMd))
                    .col(text(JournalEntries::BodyHtml))
                    .col(uuid(JournalEntries::OrganisationId))
                    .col(uuid_null(JournalEntries::AuthorId))
                    .col(timestamp_with_time_zone(JournalEntries::CreatedAt))
                    .foreign_key(&mut cascade(
                        (JournalEntries::Table, JournalEntries::TrialId),
                        (Trials::Table, Trials::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (JournalEntries::Table, JournalEntries::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_journal_entries_trial")
                    .table(JournalEntries::Table)
                    .col(JournalEntries::TrialId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReportRevisions::Table)
                    .col(pk_uuid(ReportRevisions::Id))
                    .col(uuid(ReportRevisions::ReportId))
                    .col(integer(ReportRevisions::Number))
                    .col(string(ReportRevisions::Title))
                    .col(text(ReportRevisions::BodyMd))
                    .col(string(ReportRevisions::EditedBy))
                    .col(timestamp_with_time_zone(ReportRevisions::EditedAt))
                    .foreign_key(&mut cascade(
                        (ReportRevisions::Table, ReportRevisions::ReportId),
                        (Reports::Table, Reports::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_report_revisions_number")
                    .table(ReportRevisions::Table)
                    .col(ReportRevisions::ReportId)
                    .col(ReportRevisions::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // One column per statement: SQLite adds a single column per ALTER TABLE. Plain
        // columns: SQLite cannot add a foreign key to an existing table.
        for column in [
            string_len(Reports::Status, 16)
                .default("publicerad")
                .to_owned(),
            uuid_null(Reports::TrialId),
            text_null(Reports::Sections),
            text_null(Reports::ReviewComment),
            uuid_null(Reports::AuthorId),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Reports::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(boolean(Users::NotifyByEmail).default(true))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::NotifyByEmail)
                    .to_owned(),
            )
            .await?;
        for column in [
            Reports::AuthorId,
            Reports::ReviewComment,
            Reports::Sections,
            Reports::TrialId,
            Reports::Status,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Reports::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            ReportRevisions::Table.into_iden(),
            JournalEntries::Table.into_iden(),
            TrialNeeds::Table.into_iden(),
            TrialParticipants::Table.into_iden(),
            Trials::Table.into_iden(),
            NeedEndorsements::Table.into_iden(),
            Needs::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
