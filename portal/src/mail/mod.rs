//! Outgoing mail. A message is first written to the `mail_outbox` table in the same
//! transaction as the change that needs it; the courier then delivers it, retrying with
//! growing pauses, so a crash or an SMTP outage delays a message but never loses it.
//!
//! Transports: SMTP (STARTTLS, implicit TLS or plain for a local relay, with credentials) or
//! the `outbox` folder under the data directory, where each message lands as an .eml file.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use secrecy::ExposeSecret;
use tokio::sync::Notify;
use uuid::Uuid;

use crate::clock::Clock;
use crate::config::{MailTransport, Settings, SmtpTls};

pub mod notices;

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "mail_outbox")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub recipient: String,
        pub subject: String,
        pub body_text: String,
        pub body_html: String,
        pub created_at: DateTimeUtc,
        pub attempts: i32,
        pub next_attempt_at: DateTimeUtc,
        pub claimed_until: Option<DateTimeUtc>,
        pub sent_at: Option<DateTimeUtc>,
        pub failed_at: Option<DateTimeUtc>,
        pub last_error: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// After this many failed attempts a message is marked failed and reported in the log.
pub const MAX_ATTEMPTS: i32 = 8;
/// How long one instance holds a claimed message before another may try it.
const CLAIM: Duration = Duration::minutes(2);

/// One message to send: a plain-text and an HTML version of the same words.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address {0:?}")]
    Address(String),
    #[error("cannot build the message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("outbox folder: {0}")]
    File(#[from] lettre::transport::file::Error),
    #[error("cannot create the outbox folder: {0}")]
    Folder(#[from] std::io::Error),
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(AsyncFileTransport<Tokio1Executor>),
}

/// Delivers the outbox. Cheap to clone; one background task per portal instance.
#[derive(Clone)]
pub struct Courier {
    transport: Transport,
    from: Mailbox,
    wake: Arc<Notify>,
}

impl Courier {
    pub fn new(settings: &Settings) -> Result<Courier, MailError> {
        let from: Mailbox = settings
            .mail_from
            .parse()
            .map_err(|_| MailError::Address(settings.mail_from.clone()))?;
        let transport = match settings.mail_transport {
            MailTransport::Outbox => {
                let dir = settings.outbox_dir();
                std::fs::create_dir_all(&dir)?;
                Transport::Outbox(AsyncFileTransport::new(dir))
            }
            MailTransport::Smtp => {
                let host = settings.smtp_host.as_str();
                let mut builder = match settings.smtp_tls {
                    SmtpTls::Starttls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?
                    }
                    SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
                    SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
                }
                .port(settings.smtp_port)
                .timeout(Some(StdDuration::from_secs(20)));
                if let Some(user) = &settings.smtp_username {
                    let password = settings
                        .smtp_password
                        .as_ref()
                        .map(|p| p.expose_secret().to_owned())
                        .unwrap_or_default();
                    builder = builder.credentials(Credentials::new(user.clone(), password));
                }
                Transport::Smtp(builder.build())
            }
        };
        Ok(Courier {
            transport,
            from,
            wake: Arc::new(Notify::new()),
        })
    }

    /// Whether messages only land in the outbox folder (so links are worth logging).
    pub fn writes_files(&self) -> bool {
        matches!(self.transport, Transport::Outbox(_))
    }

    /// Asks the courier to look at the outbox now.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    async fn send(&self, row: &entity::Model) -> Result<(), MailError> {
        let to: Mailbox = row
            .recipient
            .parse()
            .map_err(|_| MailError::Address(row.recipient.clone()))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                row.body_text.clone(),
                row.body_html.clone(),
            ))?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
            }
            Transport::Outbox(files) => {
                let id = files.send(message).await?;
                tracing::info!(recipient = %row.recipient, file = %format!("{id}.eml"), "mail written to the outbox folder");
            }
        }
        Ok(())
    }

    /// Runs the delivery loop: on every wake-up, and every `poll` for messages written by
    /// other instances or waiting for a retry.
    pub fn spawn(&self, db: DatabaseConnection, clock: Clock, poll: StdDuration) {
        let courier = self.clone();
        tokio::spawn(async move {
            loop {
                if let Err(e) = courier.deliver_due(&db, &clock).await {
                    tracing::warn!(error = %e, "mail delivery pass failed; trying again");
                }
                let _ = tokio::time::timeout(poll, courier.wake.notified()).await;
            }
        });
    }

    /// Sends every message that is due; returns how many were sent.
    pub async fn deliver_due(
        &self,
        db: &DatabaseConnection,
        clock: &Clock,
    ) -> Result<usize, DbErr> {
        let now = clock.now();
        let due = entity::Entity::find()
            .filter(entity::Column::SentAt.is_null())
            .filter(entity::Column::FailedAt.is_null())
            .filter(entity::Column::NextAttemptAt.lte(now))
            .filter(unclaimed(now))
            .order_by_asc(entity::Column::NextAttemptAt)
            .limit(50)
            .all(db)
            .await?;
        let mut sent = 0;
        for row in due {
            if !claim(db, row.id, now).await? {
                continue;
            }
            match self.send(&row).await {
                Ok(()) => {
                    sent += 1;
                    entity::Entity::update_many()
                        .col_expr(entity::Column::SentAt, clock.now().into())
                        .col_expr(entity::Column::Attempts, (row.attempts + 1).into())
                        .col_expr(entity::Column::LastError, Option::<String>::None.into())
                        .filter(entity::Column::Id.eq(row.id))
                        .exec(db)
                        .await?;
                }
                Err(e) => failed(db, clock, &row, &e).await?,
            }
        }
        Ok(sent)
    }
}

fn unclaimed(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(entity::Column::ClaimedUntil.is_null())
        .add(entity::Column::ClaimedUntil.lt(now))
}

/// Takes a message for this instance; false when another instance was quicker.
async fn claim(db: &DatabaseConnection, id: Uuid, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let result = entity::Entity::update_many()
        .col_expr(entity::Column::ClaimedUntil, (now + CLAIM).into())
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::SentAt.is_null())
        .filter(unclaimed(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

async fn failed(
    db: &DatabaseConnection,
    clock: &Clock,
    row: &entity::Model,
    error: &MailError,
) -> Result<(), DbErr> {
    let attempts = row.attempts + 1;
    let now = clock.now();
    let give_up = attempts >= MAX_ATTEMPTS;
    if give_up {
        tracing::error!(id = %row.id, recipient = %row.recipient, attempts, error = %error, "mail could not be delivered; giving up");
    } else {
        tracing::warn!(id = %row.id, recipient = %row.recipient, attempts, error = %error, "mail not delivered; will retry");
    }
    entity::Entity::update_many()
        .col_expr(entity::Column::Attempts, attempts.into())
        .col_expr(entity::Column::LastError, Some(error.to_string()).into())
        .col_expr(
            entity::Column::ClaimedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(
            entity::Column::NextAttemptAt,
            (now + backoff(attempts)).into(),
        )
        .col_expr(entity::Column::FailedAt, give_up.then_some(now).into())
        .filter(entity::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(())
}

/// 30 s after the first failure, doubling up to an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = attempts.clamp(1, 8) - 1;
    Duration::seconds((30i64 << exponent).min(3600))
}

/// Puts a message in the outbox; call inside the transaction of the change that needs it,
/// then wake the courier after commit.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    mail: Mail,
) -> Result<Uuid, DbErr> {
    let id = Uuid::now_v7();
    entity::ActiveModel {
        id: Set(id),
        recipient: Set(mail.to),
        subject: Set(mail.subject),
        body_text: Set(mail.text),
        body_html: Set(mail.html),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
    }
    .insert(db)
    .await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_pause_longer_each_time_up_to_an_hour() {
        let pauses: Vec<i64> = (1..=9).map(|n| backoff(n).num_seconds()).collect();
        assert_eq!(pauses, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }
}
