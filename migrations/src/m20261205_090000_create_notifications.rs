//! Follows, notifications and their delivery (issue 15, points 4 and 5): what each user
//! follows, the notices made for them, how often they want each kind by e-mail, the digests
//! sent (one per user and period), the node's own secrets (the key that signs unsubscribe
//! links), and the `List-Unsubscribe` address a queued message carries.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Follows {
    Table,
    Id,
    UserId,
    TopicKind,
    TopicId,
    Label,
    Path,
    Automatic,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    ItemKind,
    ItemId,
    Concerns,
    Title,
    Body,
    Path,
    Cadence,
    CreatedAt,
    ReadAt,
    MailedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum NotificationSettings {
    Table,
    UserId,
    Kind,
    Cadence,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Digests {
    Table,
    UserId,
    Period,
    SentAt,
    Items,
}

#[derive(DeriveIden, Clone, Copy)]
enum NodeSecrets {
    Table,
    Name,
    Value,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum MailOutbox {
    Table,
    ListUnsubscribe,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

fn to_user<T: IntoIden + Copy>(table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Follows::Table)
                    .col(uuid(Follows::Id).primary_key())
                    .col(uuid(Follows::UserId))
                    .col(string(Follows::TopicKind))
                    .col(uuid(Follows::TopicId))
                    .col(string(Follows::Label))
                    .col(string(Follows::Path))
                    .col(boolean(Follows::Automatic).default(false))
                    .col(timestamp_with_time_zone(Follows::CreatedAt))
                    .foreign_key(&mut to_user(Follows::Table, Follows::UserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("follows_user_topic")
                    .table(Follows::Table)
                    .col(Follows::UserId)
                    .col(Follows::TopicKind)
                    .col(Follows::TopicId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("follows_topic")
                    .table(Follows::Table)
                    .col(Follows::TopicKind)
                    .col(Follows::TopicId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(uuid(Notifications::Id).primary_key())
                    .col(uuid(Notifications::UserId))
                    .col(string(Notifications::Kind))
                    .col(string(Notifications::ItemKind))
                    .col(uuid(Notifications::ItemId))
                    .col(string(Notifications::Concerns))
                    .col(string(Notifications::Title))
                    .col(text(Notifications::Body))
                    .col(string(Notifications::Path))
                    .col(string(Notifications::Cadence))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .col(timestamp_with_time_zone_null(Notifications::MailedAt))
                    .foreign_key(&mut to_user(Notifications::Table, Notifications::UserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("notifications_user_created")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("notifications_pending")
                    .table(Notifications::Table)
                    .col(Notifications::Cadence)
                    .col(Notifications::MailedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationSettings::Table)
                    .col(uuid(NotificationSettings::UserId))
                    .col(string(NotificationSettings::Kind))
                    .col(string(NotificationSettings::Cadence))
                    .col(timestamp_with_time_zone(NotificationSettings::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(NotificationSettings::UserId)
                            .col(NotificationSettings::Kind),
                    )
                    .foreign_key(&mut to_user(
                        NotificationSettings::Table,
                        NotificationSettings::UserId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Digests::Table)
                    .col(uuid(Digests::UserId))
                    .col(string(Digests::Period))
                    .col(timestamp_with_time_zone(Digests::SentAt))
                    .col(integer(Digests::Items).default(0))
                    .primary_key(Index::create().col(Digests::UserId).col(Digests::Period))
                    .foreign_key(&mut to_user(Digests::Table, Digests::UserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NodeSecrets::Table)
                    .col(string(NodeSecrets::Name).primary_key())
                    .col(string(NodeSecrets::Value))
                    .col(timestamp_with_time_zone(NodeSecrets::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(MailOutbox::Table)
                    .add_column(string_null(MailOutbox::ListUnsubscribe))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(MailOutbox::Table)
                    .drop_column(MailOutbox::ListUnsubscribe)
                    .to_owned(),
            )
            .await?;
        for table in [
            NodeSecrets::Table.into_iden(),
            Digests::Table.into_iden(),
            NotificationSettings::Table.into_iden(),
            Notifications::Table.into_iden(),
            Follows::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
