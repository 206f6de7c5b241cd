//! Outgoing mail. A message is first written to the `mail_outbox` table, with a `mail` job to
//! deliver it, in the same transaction as the change that needs it; the job queue then runs
//! the delivery on one instance, retrying with growing pauses, so a crash or an SMTP outage
//! delays a message but never loses it.
//!
//! Transports: SMTP (STARTTLS, implicit TLS or plain for a local relay, with credentials), the
//! `outbox` folder under the data directory, where each message lands as an .eml file, or
//! `memory` for tests that are not about SMTP ([`Courier::sent`]).
//!
//! A message about notices carries its one-click unsubscribe address ([`Mail::unsubscribe`]):
//! the courier adds `List-Unsubscribe: <URL>` and `List-Unsubscribe-Post:
//! List-Unsubscribe=One-Click` (RFC 8058), so a mail client can offer "unsubscribe" and turn
//! that kind of notice off with one POST. Every message is written in Swedish, the only
//! language users have today (a language setting is for later).

use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QuerySelect, Set,
};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::clock::Clock;
use crate::config::{MailTransport, Settings, SmtpTls};
use crate::jobs::{self, Job, JobError, Jobs, Waker};
use crate::state::AppState;

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
        /// The one-click unsubscribe address the message carries, if any.
        pub list_unsubscribe: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// After this many failed attempts a message is marked failed and reported in the log.
pub const MAX_ATTEMPTS: i32 = crate::jobs::MAX_ATTEMPTS;
/// The job kind that delivers one outbox message.
pub const JOB_KIND: &str = "mail";

pub use crate::jobs::backoff;

/// One message to send: a plain-text and an HTML version of the same words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click unsubscribe address (RFC 8058) of a message about notices; sent as its
    /// `List-Unsubscribe` header. `None` for mail a user asked for (a sign-in link).
    pub unsubscribe: Option<String>,
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
    /// Kept in memory, for tests that are not about SMTP.
    Memory(Arc<Mutex<Vec<Mail>>>),
}

/// Delivers the outbox through the job queue. Cheap to clone.
#[derive(Clone)]
pub struct Courier {
    transport: Transport,
    from: Mailbox,
    wake: Waker,
}

/// The payload of a delivery job.
#[derive(Debug, Serialize, Deserialize)]
struct Delivery {
    outbox: Uuid,
}

impl Courier {
    /// A courier for the configured transport; `wake` reaches the job runners.
    pub fn new(settings: &Settings, wake: Waker) -> Result<Courier, MailError> {
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
            MailTransport::Memory => Transport::Memory(Arc::default()),
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
            wake,
        })
    }

    /// Whether messages only land in the outbox folder (so links are worth logging).
    pub fn writes_files(&self) -> bool {
        matches!(self.transport, Transport::Outbox(_))
    }

    /// The messages sent so far, oldest first, when the transport is `memory`; empty otherwise.
    pub fn sent(&self) -> Vec<Mail> {
        match &self.transport {
            Transport::Memory(sent) => sent.lock().map(|s| s.clone()).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Asks the job runners to deliver now (call after the commit that queued mail).
    pub fn wake(&self) {
        self.wake.wake();
    }

    async fn send(&self, row: &entity::Model) -> Result<(), MailError> {
        if let Transport::Memory(sent) = &self.transport {
            if let Ok(mut sent) = sent.lock() {
                sent.push(Mail {
                    to: row.recipient.clone(),
                    subject: row.subject.clone(),
                    text: row.body_text.clone(),
                    html: row.body_html.clone(),
                    unsubscribe: row.list_unsubscribe.clone(),
                });
            }
            return Ok(());
        }
        let to: Mailbox = row
            .recipient
            .parse()
            .map_err(|_| MailError::Address(row.recipient.clone()))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone());
        if let Some(url) = &row.list_unsubscribe {
            // RFC 8058: the address in angle brackets, and the body a one-click POST sends.
            // `HeaderValue::new` encodes anything that is not plain ASCII, so no line break
            // can get into the header.
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let message = builder.multipart(MultiPart::alternative_plain_html(
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
            Transport::Memory(_) => {}
        }
        Ok(())
    }

    /// Delivers the outbox message a job names, recording the attempt on the message too.
    /// A message already sent is not sent again.
    pub async fn deliver(
        &self,
        db: &DatabaseConnection,
        clock: &Clock,
        job: &Job,
    ) -> Result<(), JobError> {
        let Delivery { outbox } = job.payload()?;
        let Some(row) = entity::Entity::find_by_id(outbox).one(db).await? else {
            return Err(JobError::new(format!("no message {outbox} in the outbox")));
        };
        if row.sent_at.is_some() {
            return Ok(());
        }
        let attempts = row.attempts + 1;
        let sent = self.send(&row).await;
        let write = crate::db::begin_write(db).await?;
        match sent {
            Ok(()) => {
                entity::Entity::update_many()
                    .col_expr(entity::Column::SentAt, clock.now().into())
                    .col_expr(entity::Column::Attempts, attempts.into())
                    .col_expr(entity::Column::LastError, Option::<String>::None.into())
                    .filter(entity::Column::Id.eq(row.id))
                    .exec(write.txn())
                    .await?;
                write.commit().await?;
                Ok(())
            }
            Err(error) => {
                let now = clock.now();
                let give_up = job.is_last_attempt();
                if give_up {
                    tracing::error!(id = %row.id, recipient = %row.recipient, attempts, error = %error, "mail could not be delivered; giving up");
                }
                entity::Entity::update_many()
                    .col_expr(entity::Column::Attempts, attempts.into())
                    .col_expr(entity::Column::LastError, Some(error.to_string()).into())
                    .col_expr(
                        entity::Column::NextAttemptAt,
                        (now + backoff(job.attempt)).into(),
                    )
                    .col_expr(entity::Column::FailedAt, give_up.then_some(now).into())
                    .filter(entity::Column::Id.eq(row.id))
                    .exec(write.txn())
                    .await?;
                write.commit().await?;
                Err(JobError::new(format!("to {}: {error}", row.recipient)))
            }
        }
    }

    /// Delivers every message that is due now, in this task (the runners do the same in the
    /// background); returns how many were sent.
    pub async fn deliver_due(
        &self,
        db: &DatabaseConnection,
        clock: &Clock,
    ) -> Result<usize, DbErr> {
        let by = format!("courier-{}-{}", std::process::id(), Uuid::now_v7().simple());
        let kinds = [JOB_KIND.to_owned()];
        let mut sent = 0;
        loop {
            let claimed = jobs::claim(db, clock.now(), &by, &kinds, 50).await?;
            if claimed.is_empty() {
                return Ok(sent);
            }
            for job in claimed {
                let outcome = self.deliver(db, clock, &job).await;
                if outcome.is_ok() {
                    sent += 1;
                }
                jobs::finish(db, clock, &job, outcome, None).await?;
            }
        }
    }
}

/// Registers mail delivery with the job queue.
/// How many messages wait in the outbox (neither delivered nor given up on), and when the
/// oldest of them was written.
pub async fn outbox_waiting<C: ConnectionTrait>(
    db: &C,
) -> Result<(u64, Option<DateTime<Utc>>), DbErr> {
    let (count, oldest): (i64, Option<DateTime<Utc>>) = entity::Entity::find()
        .select_only()
        .column_as(entity::Column::Id.count(), "n")
        .column_as(entity::Column::CreatedAt.min(), "oldest")
        .filter(entity::Column::SentAt.is_null())
        .filter(entity::Column::FailedAt.is_null())
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, None));
    Ok((u64::try_from(count).unwrap_or(0), oldest))
}

pub fn register(jobs: &Jobs) {
    jobs.register(JOB_KIND, |state: AppState, job: Job| async move {
        state.courier.deliver(&state.db, &state.clock, &job).await
    });
}

/// Puts a message in the outbox with a job to deliver it; call inside the transaction of the
/// change that needs it, then wake the courier after commit.
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
        list_unsubscribe: Set(mail.unsubscribe),
    }
    .insert(db)
    .await?;
    jobs::enqueue_at(
        db,
        now,
        now,
        JOB_KIND,
        &serde_json::json!(Delivery { outbox: id }),
        MAX_ATTEMPTS,
    )
    .await?;
    Ok(id)
}
