//! An in-memory copy of the reference data (organisations, categories and workspaces with their
//! members) for labels, lookups and principals. Reloaded whenever the indexer sees one change.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use sea_orm::{DatabaseConnection, DbErr, EntityTrait, QueryOrder};
use uuid::Uuid;

use crate::auth::Actor;
use crate::categories::entity as category;
use crate::error::FieldIssue;
use crate::organisations::entity as organisation;

/// A workspace and its member organisations.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub members: Vec<Uuid>,
}

#[derive(Debug, Default)]
pub struct CatalogData {
    pub organisations: Vec<organisation::Model>,
    pub categories: Vec<category::Model>,
    pub workspaces: Vec<Workspace>,
    org_by_code: HashMap<String, usize>,
    org_by_id: HashMap<Uuid, usize>,
    org_by_slug: HashMap<String, usize>,
    org_by_name: HashMap<String, usize>,
    cat_by_slug: HashMap<String, usize>,
    cat_by_id: HashMap<Uuid, usize>,
    cat_by_name: HashMap<String, usize>,
    county_names: HashMap<String, String>,
}

impl CatalogData {
    fn new(organisations: Vec<organisation::Model>, categories: Vec<category::Model>) -> Self {
        let mut data = CatalogData::default();
        for (i, o) in organisations.iter().enumerate() {
            data.org_by_code.insert(o.code.clone(), i);
            data.org_by_id.insert(o.id, i);
            data.org_by_slug.insert(o.slug.clone(), i);
            data.org_by_name.insert(o.name.to_lowercase(), i);
            data.county_names
                .entry(o.county_code.clone())
                .or_insert_with(|| o.county_name.clone());
            if let Some(short) = o.name.strip_suffix(" kommun") {
                let short = short.strip_suffix('s').unwrap_or(short);
                data.org_by_name.entry(short.to_lowercase()).or_insert(i);
            }
        }
        for (i, c) in categories.iter().enumerate() {
            data.cat_by_slug.insert(c.slug.clone(), i);
            data.cat_by_id.insert(c.id, i);
            data.cat_by_name.insert(c.name.to_lowercase(), i);
        }
        data.organisations = organisations;
        data.categories = categories;
        data
    }

    pub fn workspace_by_id(&self, id: Uuid) -> Option<&Workspace> {
        self.workspaces.iter().find(|w| w.id == id)
    }

    pub fn workspace_by_slug(&self, slug: &str) -> Option<&Workspace> {
        self.workspaces.iter().find(|w| w.slug == slug.trim())
    }

    /// The workspaces an organisation is a member of.
    pub fn workspaces_of(&self, organisation_id: Uuid) -> impl Iterator<Item = &Workspace> {
        self.workspaces
            .iter()
            .filter(move |w| w.members.contains(&organisation_id))
    }

    pub fn organisation_by_code(&self, code: &str) -> Option<&organisation::Model> {
        self.org_by_code.get(code).map(|&i| &self.organisations[i])
    }

    pub fn organisation_by_id(&self, id: Uuid) -> Option<&organisation::Model> {
        self.org_by_id.get(&id).map(|&i| &self.organisations[i])
    }

    /// The SCB codes of the known organisations among `ids`, in order.
    pub fn codes(&self, ids: &[Uuid]) -> Vec<String> {
        ids.iter()
            .filter_map(|&id| self.organisation_by_id(id))
            .map(|o| o.code.clone())
            .collect()
    }

    pub fn organisation_by_slug(&self, slug: &str) -> Option<&organisation::Model> {
        self.org_by_slug.get(slug).map(|&i| &self.organisations[i])
    }

    /// Finds an organisation by SCB code, by full name, or by short name ("Nyköping").
    pub fn find_organisation(&self, code_or_name: &str) -> Option<&organisation::Model> {
        let key = code_or_name.trim();
        self.organisation_by_code(key).or_else(|| {
            self.org_by_name
                .get(&key.to_lowercase())
                .map(|&i| &self.organisations[i])
        })
    }

    /// The name of the county with this code ("04" → "Södermanlands län").
    pub fn county_name(&self, code: &str) -> Option<&str> {
        self.county_names.get(code).map(String::as_str)
    }

    pub fn category_by_slug(&self, slug: &str) -> Option<&category::Model> {
        self.cat_by_slug.get(slug).map(|&i| &self.categories[i])
    }

    pub fn category_by_id(&self, id: Uuid) -> Option<&category::Model> {
        self.cat_by_id.get(&id).map(|&i| &self.categories[i])
    }

    /// Finds a category by slug or by Swedish name.
    pub fn find_category(&self, slug_or_name: &str) -> Option<&category::Model> {
        let key = slug_or_name.trim();
        self.category_by_slug(key).or_else(|| {
            self.cat_by_name
                .get(&key.to_lowercase())
                .map(|&i| &self.categories[i])
        })
    }
}

#[derive(Debug, Default, Clone)]
pub struct Catalog(Arc<RwLock<Arc<CatalogData>>>);

impl Catalog {
    pub fn get(&self) -> Arc<CatalogData> {
        match self.0.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub async fn reload(&self, db: &DatabaseConnection) -> Result<(), DbErr> {
        let organisations = organisation::Entity::find()
            .order_by_asc(organisation::Column::CountyCode)
            .order_by_desc(organisation::Column::Kind)
            .order_by_asc(organisation::Column::Code)
            .all(db)
            .await?;
        let categories = category::Entity::find()
            .order_by_asc(category::Column::Position)
            .all(db)
            .await?;
        let mut data = CatalogData::new(organisations, categories);
        data.workspaces = crate::workspaces::all_with_members(db)
            .await?
            .into_iter()
            .map(|(w, members)| Workspace {
                id: w.id,
                slug: w.slug,
                name: w.name,
                members,
            })
            .collect();
        let data = Arc::new(data);
        match self.0.write() {
            Ok(mut guard) => *guard = data,
            Err(poisoned) => *poisoned.into_inner() = data,
        }
        Ok(())
    }
}

/// The organisation an item is written for: the one named (node staff may name any), or the
/// writer's own.
pub fn organisation_field(
    actor: &Actor,
    named: Option<&str>,
    catalog: &CatalogData,
    field: &str,
    issues: &mut Vec<FieldIssue>,
) -> Option<Uuid> {
    match named.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => match catalog.find_organisation(n) {
            Some(o) => Some(o.id),
            None => {
                issues.push(FieldIssue::new(
                    field,
                    format!("Okänd organisation \"{n}\". Ange kommunkod (t.ex. 0480) eller namn."),
                ));
                None
            }
        },
        None => match actor.member() {
            Some(m) => Some(m.organisation_id),
            None => {
                issues.push(FieldIssue::new(field, "Ange organisationen."));
                None
            }
        },
    }
}

/// The category named in a form or request (slug or name), or an issue under `category`.
pub fn category_field(
    named: Option<&str>,
    catalog: &CatalogData,
    issues: &mut Vec<FieldIssue>,
) -> Option<Uuid> {
    let named = named.map(str::trim).filter(|c| !c.is_empty())?;
    let found = catalog.find_category(named).map(|c| c.id);
    if found.is_none() {
        issues.push(FieldIssue::new(
            "category",
            format!("Okänd kategori \"{named}\"."),
        ));
    }
    found
}
