//! `fieldreports.yaml` at the top of a content folder: field reports with photos from files
//! beside it, posted in the name of existing users (the demo coaches of `coaches.yaml`, or
//! users listed here) through the same service function the form uses; then what those users
//! follow and the comments they wrote. Reports carry a key, follows are kept once per topic
//! and a comment is matched by author, item and text, so loading again adds nothing twice.

use std::path::Path;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use uuid::Uuid;

use super::{ImportError, Summary, read_yaml};
use crate::audit::By;
use crate::auth::{Actor, Member, Role, Via};
use crate::cli::said;
use crate::error::AppError;
use crate::fieldreports::{PhotoUpload, Submission};
use crate::notifications::{Topic, TopicKind};
use crate::state::AppState;

pub const FILE: &str = "fieldreports.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldReportsFile {
    #[serde(default)]
    users: Vec<UserRecord>,
    #[serde(default)]
    field_reports: Vec<ReportRecord>,
    #[serde(default)]
    follows: Vec<FollowRecord>,
    #[serde(default)]
    comments: Vec<CommentRecord>,
}

/// What one user follows: exactly one of a trial (by title), a technology (by name) or a
/// coach (by address).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FollowRecord {
    user: String,
    #[serde(default)]
    trial: Option<String>,
    #[serde(default)]
    technology: Option<String>,
    #[serde(default)]
    coach: Option<String>,
}

/// A comment on a field report of this file (by its key); `reply_to` names the author of the
/// top-level comment it answers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentRecord {
    author: String,
    field_report: String,
    text: String,
    #[serde(default)]
    reply_to: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserRecord {
    email: String,
    name: String,
    organisation: String,
    role: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportRecord {
    key: String,
    author: String,
    text: String,
    #[serde(default)]
    visibility: Option<String>,
    /// A trial's title.
    #[serde(default)]
    trial: Option<String>,
    /// A catalogue entry's name.
    #[serde(default)]
    technology: Option<String>,
    /// A need's title.
    #[serde(default)]
    need: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    photos: Vec<PhotoRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhotoRecord {
    /// Relative to the content folder.
    file: String,
    alt: String,
}

pub async fn sync(state: &AppState, dir: &Path, summary: &mut Summary) {
    let path = dir.join(FILE);
    if let Err(e) = load(state, dir, &path).await {
        summary.failed.push((path, e.to_string()));
    }
}

fn invalid(field: &str, message: String) -> ImportError {
    ImportError::Rejected(format!("{field}: {message}"))
}

async fn load(state: &AppState, dir: &Path, path: &Path) -> Result<(), ImportError> {
    let Some(file) = read_yaml::<FieldReportsFile>(path)? else {
        return Ok(());
    };
    let by = By::import();
    let catalog = state.catalog.get();
    for user in &file.users {
        let mut issues = Vec::new();
        let Some(organisation) =
            catalog.organisation_named(&user.organisation, "organisation", &mut issues)
        else {
            return Err(AppError::Invalid(issues).into());
        };
        let role = Role::parse(&user.role)
            .ok_or_else(|| invalid("role", said("cli-import-unknown-role", "role", &user.role)))?;
        let made = crate::auth::users::for_confirmed_email(
            &state.db,
            state.clock.now(),
            &user.email,
            organisation.id,
        )
        .await?;
        if made.role != role.as_str() {
            crate::auth::users::update_access(state, &by, made.id, role, false).await?;
        }
        if made.name != user.name {
            crate::auth::users::set_name(state, &by, made.id, &user.name).await?;
        }
    }
    let mut reports = std::collections::HashMap::new();
    for record in file.field_reports {
        let as_author = as_user(state, &record.author).await?;
        let trial = match &record.trial {
            Some(title) => Some(
                crate::trials::by_title(state, title)
                    .await?
                    .ok_or_else(|| invalid("trial", said("cli-import-no-trial", "title", title)))?
                    .id
                    .to_string(),
            ),
            None => None,
        };
        let technology = match &record.technology {
            Some(name) => Some(
                crate::technologies::by_name(state, name)
                    .await?
                    .ok_or_else(|| {
                        invalid("technology", said("cli-import-no-technology", "name", name))
                    })?
                    .slug,
            ),
            None => None,
        };
        let need = match &record.need {
            Some(title) => Some(
                crate::needs::by_title(state, title)
                    .await?
                    .ok_or_else(|| invalid("need", said("cli-import-no-need", "title", title)))?
                    .slug,
            ),
            None => None,
        };
        let mut sent = Submission {
            text: record.text,
            visibility: record.visibility.unwrap_or_default(),
            trial: trial.unwrap_or_default(),
            technology: technology.unwrap_or_default(),
            need: need.unwrap_or_default(),
            category: record.category.unwrap_or_default(),
            key: record.key,
            ..Submission::default()
        };
        for (i, photo) in record.photos.iter().enumerate() {
            let bytes = std::fs::read(dir.join(&photo.file)).map_err(ImportError::Read)?;
            sent.photos.push(PhotoUpload {
                position: i + 1,
                file_name: photo.file.clone(),
                size: bytes.len() as u64,
                bytes,
            });
            sent.alts.push(photo.alt.clone());
        }
        let key = sent.key.clone();
        let report = crate::fieldreports::create(state, &as_author, sent).await?;
        reports.insert(key, report.0.id);
    }
    for record in file.follows {
        follow(state, record).await?;
    }
    for record in file.comments {
        let id = reports.get(&record.field_report).copied().ok_or_else(|| {
            invalid(
                "field_report",
                said("cli-import-no-field-report", "key", &record.field_report),
            )
        })?;
        comment(state, id, record).await?;
    }
    Ok(())
}

/// The existing user `email`, acting as themselves (quietly: importing mails no one).
async fn as_user(state: &AppState, email: &str) -> Result<By, ImportError> {
    let user = crate::auth::users::by_email(&state.db, email)
        .await?
        .ok_or_else(|| invalid("user", said("cli-import-no-user", "email", email)))?;
    let role = Role::parse(&user.role).unwrap_or(Role::Member);
    let actor = Actor::User(Member::new(
        user.id,
        user.organisation_id,
        role,
        Via::Session,
        &[],
    ));
    Ok(By::import_as(actor, &user.name))
}

async fn follow(state: &AppState, record: FollowRecord) -> Result<(), ImportError> {
    let by = as_user(state, &record.user).await?;
    let topic = match (&record.trial, &record.technology, &record.coach) {
        (Some(title), None, None) => Topic::new(
            TopicKind::Trial,
            crate::trials::by_title(state, title)
                .await?
                .ok_or_else(|| invalid("trial", said("cli-import-no-trial", "title", title)))?
                .id,
        ),
        (None, Some(name), None) => Topic::new(
            TopicKind::Technology,
            crate::technologies::by_name(state, name)
                .await?
                .ok_or_else(|| {
                    invalid("technology", said("cli-import-no-technology", "name", name))
                })?
                .id,
        ),
        (None, None, Some(email)) => {
            let coach = crate::auth::users::by_email(&state.db, email)
                .await?
                .ok_or_else(|| invalid("coach", said("cli-import-no-user", "email", email)))?;
            let profile = crate::coaches::active_profile_of(&state.db, coach.id)
                .await?
                .ok_or_else(|| invalid("coach", said("cli-import-not-coach", "email", email)))?;
            Topic::new(TopicKind::Coach, profile)
        }
        _ => {
            return Err(invalid(
                "follows",
                crate::cli::say("cli-import-follow-one", &[]),
            ));
        }
    };
    let topics = crate::topic_sources_of_node();
    crate::notifications::service::follow_topic(state, &topics, &by, topic).await?;
    Ok(())
}

async fn comment(state: &AppState, report: Uuid, record: CommentRecord) -> Result<(), ImportError> {
    use crate::comments::entity as comment;
    let by = as_user(state, &record.author).await?;
    let author = by.actor.user_id();
    let on_report = || {
        comment::Entity::find()
            .filter(comment::Column::ItemKind.eq(TopicKind::FieldReport.as_str()))
            .filter(comment::Column::ItemId.eq(report))
    };
    let written = on_report()
        .filter(comment::Column::AuthorId.eq(author))
        .filter(comment::Column::TextMd.eq(record.text.clone()))
        .one(&state.db)
        .await?;
    if written.is_some() {
        return Ok(());
    }
    let parent_id = match &record.reply_to {
        Some(email) => {
            let replied = crate::auth::users::by_email(&state.db, email)
                .await?
                .ok_or_else(|| invalid("reply_to", said("cli-import-no-user", "email", email)))?;
            let parent = on_report()
                .filter(comment::Column::AuthorId.eq(replied.id))
                .filter(comment::Column::ParentId.is_null())
                .one(&state.db)
                .await?
                .ok_or_else(|| {
                    invalid("reply_to", said("cli-import-no-comment", "email", email))
                })?;
            Some(parent.id)
        }
        None => None,
    };
    let input = crate::comments::CommentInput {
        item_kind: TopicKind::FieldReport.as_str().to_owned(),
        item_id: report,
        parent_id,
        text: record.text,
    };
    crate::comments::post(state, &crate::comment_targets_of_node(), &by, input).await?;
    Ok(())
}
