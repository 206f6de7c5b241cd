//! The one unit of work every write goes through.
//!
//! A feature begins a [`Unit`], writes its own rows in the unit's transaction and tells the
//! unit, as it works, what changed ([`Unit::changed`]), what belongs in the audit trail
//! ([`Unit::audit`]), who must be told ([`Unit::notify`], [`Unit::mail`]) and what else a
//! feature records when the write is done ([`Unit::event`], an [`AtCommit`]).
//! [`Unit::commit`] records those, writes the audit rows, the queued mail and the
//! `change_log` rows, taking the lock that
//! orders `change_log` only for that last insert, commits, and only then wakes the indexer and
//! the courier. A unit dropped without `commit` rolls back: nothing is recorded or sent.

use std::ops::Deref;

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseTransaction, DbErr};
use uuid::Uuid;

use crate::audit::By;
use crate::changes::{Kind, Op};
use crate::error::AppError;
use crate::indexer::{BoxFuture, Indexer};
use crate::mail::notices::Notice;
use crate::mail::{Courier, Mail};
use crate::state::AppState;

/// One write: a transaction and everything that must follow from it.
pub struct Unit {
    txn: crate::db::Write,
    now: DateTime<Utc>,
    by: By,
    sends_mail: bool,
    changes: Vec<(Kind, Uuid, Op)>,
    audits: Vec<crate::audit::Entry>,
    mails: Vec<Mail>,
    at_commit: Vec<Box<dyn AtCommit>>,
    catalog: std::sync::Arc<crate::catalog::CatalogData>,
    settings: std::sync::Arc<crate::config::Settings>,
    indexer: Indexer,
    courier: Courier,
    /// Texts made while the unit is open are Swedish (`web::i18n::lang`).
    _writing: crate::web::frame::Writing,
}

impl Unit {
    /// Begins a write on behalf of `by`. On SQLite the write lock is taken at once
    /// (`BEGIN IMMEDIATE`), so concurrent writers queue instead of failing.
    pub async fn begin(state: &AppState, by: &By) -> Result<Unit, DbErr> {
        let txn = crate::db::begin_write(&state.db).await?;
        Ok(Unit {
            txn,
            // To the microsecond, as PostgreSQL keeps it: a row as written reads back the same.
            now: chrono::SubsecRound::trunc_subsecs(state.clock.now(), 6),
            sends_mail: by.sends_mail(),
            by: by.clone(),
            changes: Vec::new(),
            audits: Vec::new(),
            mails: Vec::new(),
            at_commit: Vec::new(),
            catalog: state.catalog.get(),
            settings: state.settings.clone(),
            indexer: state.indexer.clone(),
            courier: state.courier.clone(),
            _writing: crate::web::frame::writing(),
        })
    }

    /// The transaction for the feature's own statements.
    pub fn db(&self) -> &DatabaseTransaction {
        self.txn.txn()
    }

    /// The moment of this write: every row it writes carries the same time.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Who writes.
    pub fn by(&self) -> &By {
        &self.by
    }

    /// Whether this write tells anyone by e-mail (`noden import` loading content does not):
    /// features skip looking up recipients when it does not.
    pub fn sends_mail(&self) -> bool {
        self.sends_mail
    }

    /// Records that the item `id` of `kind` changed, so search (and later federation) learns
    /// of it. The same change named twice is written once.
    pub fn changed(&mut self, kind: Kind, id: Uuid, op: Op) {
        if !self.changes.contains(&(kind, id, op)) {
            self.changes.push((kind, id, op));
        }
    }

    /// Adds an entry to the audit trail, written with the change.
    pub fn audit(&mut self, action: &str, target: impl Into<String>, detail: impl Into<String>) {
        let by = self.by.clone();
        self.audit_as(by, action, target, detail);
    }

    /// Adds an entry to the audit trail in the name of `by`, who became known only during
    /// the write (a visitor whose sign-in link named their address).
    pub fn audit_as(
        &mut self,
        by: By,
        action: &str,
        target: impl Into<String>,
        detail: impl Into<String>,
    ) {
        self.audits.push(crate::audit::Entry {
            by,
            action: action.to_owned(),
            target: target.into(),
            detail: detail.into(),
        });
    }

    /// Tells each of `recipients` of this change by e-mail, once the change is committed, each
    /// in their own language: `notice` makes the notice and is called once per language the
    /// recipients read, with texts in that language. Returns how many messages were queued
    /// (none when the unit sends no mail).
    pub fn notify<'n>(
        &mut self,
        recipients: &[crate::auth::users::Recipient],
        notice: impl Fn() -> Notice<'n>,
    ) -> Result<usize, AppError> {
        if !self.sends_mail || recipients.is_empty() {
            return Ok(0);
        }
        for lang in crate::web::i18n::Lang::ALL {
            let readers: Vec<&crate::auth::users::Recipient> =
                recipients.iter().filter(|r| r.lang == lang).collect();
            if readers.is_empty() {
                continue;
            }
            let (subject, text, html) = crate::web::frame::speaking(lang, || {
                let notice = notice();
                crate::mail::notices::render(&notice)
                    .map(|(text, html)| (notice.subject, text, html))
            })?;
            for reader in readers {
                self.mails.push(Mail {
                    to: reader.email.clone(),
                    subject: subject.clone(),
                    text: text.clone(),
                    html: html.clone(),
                    unsubscribe: None,
                });
            }
        }
        Ok(recipients.len())
    }

    /// Hands the unit something to record when the write is done, in its transaction (the
    /// notifications feature's events: followers told in the app and by e-mail).
    pub fn event(&mut self, event: impl AtCommit + 'static) {
        self.at_commit.push(Box::new(event));
    }

    /// Sends one message that the writer asked for themselves (a sign-in link): it goes even
    /// when the unit tells no one of changes.
    pub fn mail(&mut self, mail: Mail) {
        self.mails.push(mail);
    }

    /// Records one audit event that comes with no other write (a refused sign-in).
    pub async fn audit_alone(
        state: &AppState,
        by: &By,
        action: &str,
        target: &str,
        detail: &str,
    ) -> Result<(), AppError> {
        let mut unit = Unit::begin(state, by).await?;
        unit.audit(action, target, detail);
        unit.commit().await
    }

    /// Writes the audit trail, the queued mail and the change log, commits, then wakes the
    /// indexer and the courier.
    pub async fn commit(self) -> Result<(), AppError> {
        let Unit {
            txn,
            now,
            by,
            sends_mail,
            changes,
            audits,
            mut mails,
            at_commit,
            catalog,
            settings,
            indexer,
            courier,
            _writing,
        } = self;
        let write = txn;
        let txn = write.txn();
        crate::audit::record_many(txn, now, &audits).await?;
        let committing = Committing {
            now,
            actor: by.actor.user_id(),
            sends_mail,
            catalog: &catalog,
            settings: &settings,
        };
        for recorded in at_commit {
            mails.extend(recorded.record(txn, &committing).await?);
        }
        let sent = !mails.is_empty();
        for mail in mails {
            crate::mail::enqueue(txn, now, mail).await?;
        }
        // Last, so the lock that orders the change log is held for as short a time as can be.
        crate::changes::record_all(txn, &changes, now).await?;
        write.commit().await?;
        if !changes.is_empty() {
            indexer.wake();
        }
        if sent {
            courier.wake();
        }
        Ok(())
    }
}

/// Something a feature hands the unit of work to record at commit, in the same transaction,
/// before the audit trail and the change log are written; it may return e-mail to send with
/// the change.
pub trait AtCommit: Send {
    fn record<'a>(
        self: Box<Self>,
        db: &'a DatabaseTransaction,
        at: &'a Committing<'a>,
    ) -> BoxFuture<'a, Result<Vec<Mail>, AppError>>;
}

/// What an [`AtCommit`] learns of the write it is recorded with.
pub struct Committing<'a> {
    pub now: DateTime<Utc>,
    /// The one who acted.
    pub actor: Option<Uuid>,
    /// Whether e-mail goes out for this write (`noden import` sends none).
    pub sends_mail: bool,
    pub catalog: &'a crate::catalog::CatalogData,
    pub settings: &'a crate::config::Settings,
}

impl Deref for Unit {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        self.txn.txn()
    }
}
