//! Who takes part in a trial and who may read it: its parties, its principals, and the readers that return a checked trial.

use super::*;

/// The organisations of a trial: the lead first, then the participants.
#[derive(Debug, Clone)]
pub struct Parties {
    pub lead: Uuid,
    pub participants: Vec<Uuid>,
}

impl Parties {
    pub fn all(&self) -> Vec<Uuid> {
        let mut all = vec![self.lead];
        all.extend(
            self.participants
                .iter()
                .copied()
                .filter(|&p| p != self.lead),
        );
        all
    }
}

pub fn principals(trial: &entity::Model, parties: &Parties) -> Vec<String> {
    principals_for(Visibility::parse(&trial.visibility), parties)
}

pub(crate) fn principals_for(visibility: Option<Visibility>, parties: &Parties) -> Vec<String> {
    match visibility {
        Some(Visibility::Public) => vec!["public".to_owned()],
        Some(Visibility::Network) => vec!["network".to_owned()],
        // The node's staff run trials with the municipalities, so they follow them too.
        Some(Visibility::Organisation) => parties
            .all()
            .into_iter()
            .map(crate::auth::policy::org_principal)
            .chain(std::iter::once(crate::auth::policy::STAFF.to_owned()))
            .collect(),
        _ => Vec::new(),
    }
}

pub fn resource(trial: &entity::Model, parties: &Parties) -> Resource {
    Resource::Item {
        principals: principals(trial, parties),
        organisation_id: Some(trial.lead_organisation_id),
        partners: parties.participants.clone(),
    }
}

pub async fn parties<C: ConnectionTrait>(
    db: &C,
    trial: &entity::Model,
) -> Result<Parties, sea_orm::DbErr> {
    let mut all = parties_of(db, std::slice::from_ref(trial)).await?;
    Ok(all.remove(&trial.id).unwrap_or(Parties {
        lead: trial.lead_organisation_id,
        participants: Vec::new(),
    }))
}

/// The parties of each of `trials`, in one query per 500 trials.
pub async fn parties_of<C: ConnectionTrait>(
    db: &C,
    trials: &[entity::Model],
) -> Result<HashMap<Uuid, Parties>, sea_orm::DbErr> {
    let mut all: HashMap<Uuid, Parties> = trials
        .iter()
        .map(|t| {
            let parties = Parties {
                lead: t.lead_organisation_id,
                participants: Vec::new(),
            };
            (t.id, parties)
        })
        .collect();
    for chunk in trials.chunks(500) {
        for p in participant::Entity::find()
            .filter(participant::Column::TrialId.is_in(chunk.iter().map(|t| t.id)))
            .all(db)
            .await?
        {
            if let Some(parties) = all.get_mut(&p.trial_id) {
                parties.participants.push(p.organisation_id);
            }
        }
    }
    Ok(all)
}

/// The trial behind `slug` or id, if `actor` may read it.
pub async fn readable_by_slug(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<Readable<entity::Model>, AppError> {
    let (trial, _) = readable_with_parties(state, actor, slug_or_id).await?;
    Ok(trial)
}

/// The trial behind `slug` or id with its parties, if `actor` may read it.
pub async fn readable_with_parties(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<(Readable<entity::Model>, Parties), AppError> {
    let found = crate::addresses::find::<entity::Entity, _>(
        &state.db,
        super::TRIAL,
        slug_or_id,
        (entity::Column::Id, entity::Column::Slug),
        sea_orm::Condition::all(),
    )
    .await?;
    let Some(trial) = found else {
        return Err(AppError::NotFound("testet"));
    };
    let parties = parties(&state.db, &trial).await?;
    let resource = resource(&trial, &parties);
    let withdrawn = trial.withdrawn_at.is_some();
    let trial = Readable::check_withdrawn_or(actor, &resource, trial, withdrawn, "testet")?;
    Ok((trial, parties))
}

/// Refuses a change to a withdrawn trial: it must be brought back first.
pub fn not_withdrawn(trial: &entity::Model) -> Result<(), AppError> {
    if trial.withdrawn_at.is_some() {
        return Err(AppError::Conflict("trials-error-withdrawn".to_owned()));
    }
    Ok(())
}

/// The trial behind `slug` or id with its policy resource, if `actor` may read it.
pub async fn with_resource(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<(Readable<entity::Model>, Resource), AppError> {
    let (trial, parties) = readable_with_parties(state, actor, slug_or_id).await?;
    let resource = resource(&trial, &parties);
    Ok((trial, resource))
}

/// The trials among `trials` that `actor` may open, in the same order.
pub(crate) async fn readable_among(
    state: &AppState,
    actor: &Actor,
    trials: Vec<entity::Model>,
) -> Result<Vec<entity::Model>, AppError> {
    let parties = parties_of(&state.db, &trials).await?;
    Ok(trials
        .into_iter()
        .filter(|t| t.withdrawn_at.is_none())
        .filter(|t| {
            parties
                .get(&t.id)
                .is_some_and(|p| can(actor, Action::Read, &resource(t, p)))
        })
        .collect())
}

/// The organisations of the trial `trial_id` (the lead first), or none when there is no such
/// trial; for the final report, which its parties write together.
pub async fn party_ids<C: ConnectionTrait>(
    db: &C,
    trial_id: Uuid,
) -> Result<Vec<Uuid>, sea_orm::DbErr> {
    match entity::Entity::find_by_id(trial_id).one(db).await? {
        Some(trial) => Ok(parties(db, &trial).await?.all()),
        None => Ok(Vec::new()),
    }
}
