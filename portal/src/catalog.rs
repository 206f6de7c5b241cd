//! An in-memory copy of the reference data (organisations, categories, workspaces with their
//! members and the thesaurus searches expand with) for labels, lookups, principals and search.
//! Reloaded whenever the indexer sees one change.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use sea_orm::{DatabaseConnection, DbErr, EntityTrait, QueryOrder};
use uuid::Uuid;

use crate::auth::Actor;
use crate::changes::Kind;
use crate::error::FieldIssue;

pub mod category {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "categories")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(unique)]
        pub slug: String,
        pub name: String,
        pub description: String,
        /// `brukarnara` (user-near) or `processnara` (process-near).
        pub proximity: String,
        pub position: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A concept of the thesaurus searches expand with (see the `thesaurus` feature).
pub mod concept {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "vocabulary_concepts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(unique)]
        pub slug: String,
        /// The preferred Swedish label.
        pub label: String,
        /// Alternative Swedish labels from the content folder, one per line.
        pub alt_labels: String,
        pub en_label: Option<String>,
        /// Alternative English labels from the content folder, one per line.
        pub en_alt_labels: String,
        /// Labels node staff added, one per line (an import never touches them).
        pub added_labels: String,
        /// The broader concept's slug.
        pub broader: Option<String>,
        /// Related concepts' slugs, separated by spaces.
        pub related: String,
        /// The category (slug) the concept stands for, if any.
        pub category: Option<String>,
        /// What the concept covers, in a sentence (Swedish).
        pub note: String,
        /// Whether the content folder has the concept (else node staff made it).
        pub from_content: bool,
        pub position: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    /// The lines of a label list, trimmed, without empty ones.
    pub fn lines(list: &str) -> impl Iterator<Item = &str> {
        list.lines().map(str::trim).filter(|l| !l.is_empty())
    }

    impl Model {
        /// The labels the concept has without node staff's: the preferred one first, then the
        /// other Swedish ones and the English ones.
        pub fn content_labels(&self) -> Vec<String> {
            std::iter::once(self.label.as_str())
                .chain(lines(&self.alt_labels))
                .chain(self.en_label.as_deref())
                .chain(lines(&self.en_alt_labels))
                .map(str::to_owned)
                .collect()
        }

        /// Every label: [`Model::content_labels`], then those node staff added.
        pub fn labels(&self) -> Vec<String> {
            let mut labels = self.content_labels();
            labels.extend(lines(&self.added_labels).map(str::to_owned));
            labels
        }

        /// As the search engine takes it.
        pub fn spec(&self, with_added: bool) -> noden_search::ConceptSpec {
            let labels = if with_added {
                self.labels()
            } else {
                self.content_labels()
            };
            noden_search::ConceptSpec {
                id: self.slug.clone(),
                labels,
                broader: self.broader.clone(),
            }
        }
    }
}

pub mod organisation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "organisations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        /// Official SCB code: four digits for a municipality, two for a region.
        #[sea_orm(unique)]
        pub code: String,
        /// The name the organisation uses itself ("Malmö stad"), shown on pages.
        pub name: String,
        /// The name in Statistics Sweden's register ("Malmö kommun"), when it differs or is known.
        pub register_name: Option<String>,
        #[sea_orm(unique)]
        pub slug: String,
        /// `kommun` or `region`.
        pub kind: String,
        pub county_code: String,
        pub county_name: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod vocabulary {
    //! Reference vocabularies several features share.

    use crate::web::vocabulary::vocabulary;

    vocabulary!(
        /// Whom a need, a trial or a report serves: the part of care it belongs to, or the
        /// relatives and staff around it. One list, so a final report starts from its trial's.
        TargetGroup ("target-group") {
            OrdinartBoende => "ordinart-boende";
            SarskiltBoende => "sarskilt-boende";
            Lss => "lss";
            Socialpsykiatri => "socialpsykiatri";
            Ifo => "ifo";
            Hemsjukvard => "hemsjukvard";
            Anhoriga => "anhoriga";
            Personal => "personal";
        }
    );

    impl TargetGroup {
        /// What a report's target group of the older, separate list (`aldre`,
        /// `funktionsnedsattning`, `barn-och-unga`) stands for in this one; older files and
        /// clients still send them. `None` for any other value.
        pub fn legacy(value: &str) -> Option<&'static [TargetGroup]> {
            match value.trim() {
                "aldre" => Some(&[TargetGroup::OrdinartBoende, TargetGroup::SarskiltBoende]),
                "funktionsnedsattning" => Some(&[TargetGroup::Lss]),
                "barn-och-unga" => Some(&[TargetGroup::Ifo]),
                _ => None,
            }
        }
    }
}

pub mod workspace {
    //! The workspaces table and its members: who may read what is shared inside a workspace.

    use sea_orm::QueryOrder;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "workspaces")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(unique)]
        pub slug: String,
        pub name: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    pub mod member {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "workspace_members")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub workspace_id: Uuid,
            #[sea_orm(primary_key, auto_increment = false)]
            pub organisation_id: Uuid,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }

    /// Every workspace with its member organisations, for the catalog.
    pub async fn all_with_members(
        db: &sea_orm::DatabaseConnection,
    ) -> Result<Vec<(Model, Vec<Uuid>)>, sea_orm::DbErr> {
        let workspaces = Entity::find().order_by_asc(Column::Name).all(db).await?;
        let members = member::Entity::find().all(db).await?;
        Ok(workspaces
            .into_iter()
            .map(|w| {
                let orgs = members
                    .iter()
                    .filter(|m| m.workspace_id == w.id)
                    .map(|m| m.organisation_id)
                    .collect();
                (w, orgs)
            })
            .collect())
    }
}

pub use vocabulary::TargetGroup;

/// Organisations in the change log.
pub const ORGANISATION: Kind = Kind::new("organisation");
/// Categories in the change log.
pub const CATEGORY: Kind = Kind::new("category");
/// Workspaces (and their members) in the change log.
pub const WORKSPACE: Kind = Kind::new("workspace");
/// Concepts of the thesaurus in the change log.
pub const CONCEPT: Kind = Kind::new("concept");

/// Whether a change of this kind changes the catalog, so it must be reloaded.
pub fn is_reference_data(kind: &str) -> bool {
    [ORGANISATION, CATEGORY, WORKSPACE, CONCEPT]
        .iter()
        .any(|k| k.as_str() == kind)
}

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
    /// Full names (the one used and the register's), tidied: lower case, one space.
    org_by_full_name: HashMap<String, Vec<usize>>,
    /// Short names ("flen", "malmö"), tidied.
    org_by_short_name: HashMap<String, Vec<usize>>,
    /// Full and short names folded to ASCII letters ("goteborgs stad", "habo").
    org_by_folded_name: HashMap<String, Vec<usize>>,
    cat_by_slug: HashMap<String, usize>,
    cat_by_id: HashMap<Uuid, usize>,
    cat_by_name: HashMap<String, usize>,
    county_names: HashMap<String, String>,
    /// The concepts of the thesaurus, in their order.
    pub concepts: Vec<concept::Model>,
    /// What searches expand with, made of `concepts`.
    pub thesaurus: Arc<noden_search::Thesaurus>,
}

impl CatalogData {
    fn new(organisations: Vec<organisation::Model>, categories: Vec<category::Model>) -> Self {
        let mut data = CatalogData::default();
        for (i, o) in organisations.iter().enumerate() {
            data.org_by_code.insert(o.code.clone(), i);
            data.org_by_id.insert(o.id, i);
            data.org_by_slug.insert(o.slug.clone(), i);
            data.county_names
                .entry(o.county_code.clone())
                .or_insert_with(|| o.county_name.clone());
            let full: Vec<String> = std::iter::once(o.name.as_str())
                .chain(o.register_name.as_deref())
                .map(tidy_name)
                .collect();
            for name in &full {
                add_once(&mut data.org_by_full_name, name.clone(), i);
                add_once(&mut data.org_by_folded_name, fold_name(name), i);
                for short in short_names(name) {
                    add_once(&mut data.org_by_folded_name, fold_name(&short), i);
                    add_once(&mut data.org_by_short_name, short, i);
                }
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

    /// What a name people write for an organisation comes to: its SCB code or slug; the name
    /// it uses itself or its register name ("Göteborgs Stad", "Göteborgs kommun"); its short
    /// name ("Göteborg"); in any case, with or without å, ä and ö, and with a remark in
    /// brackets ("Region Sörmland (landstinget)"). A name written with å, ä or ö is taken as
    /// written; one without them that fits several organisations (Habo, Håbo) is ambiguous.
    pub fn lookup_organisation(&self, given: &str) -> OrganisationLookup<'_> {
        let key = given.trim();
        if let Some(o) = self
            .organisation_by_code(key)
            .or_else(|| self.organisation_by_slug(key))
        {
            return OrganisationLookup::Found(o);
        }
        let tidy = tidy_name(key);
        let one = |found: Vec<usize>| match found.as_slice() {
            [i] => Some(OrganisationLookup::Found(&self.organisations[*i])),
            _ => None,
        };
        if let Some(found) = one(hits(&self.org_by_full_name, [tidy.clone()])) {
            return found;
        }
        let mut keys = vec![tidy.clone()];
        keys.extend(short_names(&tidy));
        if !tidy.is_ascii()
            && let Some(found) = one(hits(&self.org_by_short_name, keys.clone()))
        {
            return found;
        }
        let found = hits(&self.org_by_folded_name, keys.iter().map(|k| fold_name(k)));
        match found.len() {
            0 => OrganisationLookup::Unknown,
            1 => OrganisationLookup::Found(&self.organisations[found[0]]),
            _ => OrganisationLookup::Ambiguous(
                found.into_iter().map(|i| &self.organisations[i]).collect(),
            ),
        }
    }

    /// The organisation named in a field, or an issue under `field` that says why not: unknown,
    /// or which organisations the name could mean, with their codes.
    pub fn organisation_named(
        &self,
        given: &str,
        field: &str,
        issues: &mut Vec<FieldIssue>,
    ) -> Option<&organisation::Model> {
        match self.lookup_organisation(given) {
            OrganisationLookup::Found(o) => Some(o),
            OrganisationLookup::Unknown => {
                issues.push(FieldIssue::new(
                    field,
                    crate::web::i18n::t_with(
                        "catalog-error-unknown-organisation",
                        "given",
                        &crate::privacy::quoted(given.trim()),
                    ),
                ));
                None
            }
            OrganisationLookup::Ambiguous(candidates) => {
                let listed: Vec<String> = candidates
                    .iter()
                    .map(|o| format!("{} ({})", o.name, o.code))
                    .collect();
                issues.push(FieldIssue::new(
                    field,
                    crate::web::i18n::text_with(
                        crate::web::i18n::lang(),
                        "catalog-error-ambiguous-organisation",
                        &[
                            ("given", crate::privacy::quoted(given.trim()).into()),
                            ("candidates", listed.join(", ").into()),
                        ],
                    ),
                ));
                None
            }
        }
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

/// What a name given for an organisation comes to.
#[derive(Debug)]
pub enum OrganisationLookup<'a> {
    Found(&'a organisation::Model),
    Unknown,
    /// Several organisations fit: the name is written without å, ä or ö, or is shared.
    Ambiguous(Vec<&'a organisation::Model>),
}

fn add_once(index: &mut HashMap<String, Vec<usize>>, key: String, i: usize) {
    let entry = index.entry(key).or_default();
    if !entry.contains(&i) {
        entry.push(i);
    }
}

/// The organisations every key finds, each once, in catalogue order.
fn hits(index: &HashMap<String, Vec<usize>>, keys: impl IntoIterator<Item = String>) -> Vec<usize> {
    let mut found: Vec<usize> = keys
        .into_iter()
        .filter_map(|k| index.get(&k))
        .flatten()
        .copied()
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// A name as compared: lower case, a remark in brackets dropped, hyphens as spaces, one space.
fn tidy_name(name: &str) -> String {
    let mut kept = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '-' | '_' if depth == 0 => kept.push(' '),
            _ if depth == 0 => kept.extend(c.to_lowercase()),
            _ => {}
        }
    }
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A tidied name with å, ä, ö and other accented letters as their plain letters.
fn fold_name(tidy: &str) -> String {
    tidy.chars()
        .map(|c| match c {
            'å' | 'ä' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            other => other,
        })
        .collect()
}

/// The short names of a municipality's tidied name: "flens kommun" → "flens", "flen";
/// "göteborgs stad" → "göteborgs", "göteborg"; "malmö" → "malmö". A region has none: "Region
/// Uppsala" is not "Uppsala".
fn short_names(tidy: &str) -> Vec<String> {
    if tidy.starts_with("region ") || tidy.ends_with("regionen") {
        return Vec::new();
    }
    let base = tidy
        .strip_suffix(" kommun")
        .or_else(|| tidy.strip_suffix(" stad"))
        .unwrap_or(tidy);
    let mut names = vec![base.to_owned()];
    if let Some(without) = base.strip_suffix('s').filter(|w| !w.is_empty()) {
        names.push(without.to_owned());
    }
    names
}

/// The thesaurus of `concepts`. Writes check that their concepts make one (see the `thesaurus`
/// feature), but an import could still bring a label node staff had added to another concept:
/// then the staff's added labels are left out, and should even that fail, nothing expands.
pub fn thesaurus_of(concepts: &[concept::Model]) -> noden_search::Thesaurus {
    let made = |with_added: bool| {
        noden_search::Thesaurus::new(concepts.iter().map(|c| c.spec(with_added)).collect())
    };
    made(true)
        .or_else(|error| {
            tracing::warn!(%error, "the thesaurus without the labels node staff added");
            made(false)
        })
        .unwrap_or_else(|error| {
            tracing::error!(%error, "the thesaurus is broken: searches do not expand");
            noden_search::Thesaurus::default()
        })
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
        let concepts = concept::Entity::find()
            .order_by_asc(concept::Column::Position)
            .order_by_asc(concept::Column::Slug)
            .all(db)
            .await?;
        let mut data = CatalogData::new(organisations, categories);
        data.thesaurus = Arc::new(thesaurus_of(&concepts));
        data.concepts = concepts;
        data.workspaces = workspace::all_with_members(db)
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
        Some(n) => catalog.organisation_named(n, field, issues).map(|o| o.id),
        None => match actor.member() {
            Some(m) => Some(m.organisation_id),
            None => {
                issues.push(FieldIssue::new(field, "catalog-error-organisation-missing"));
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
            crate::web::i18n::t_with(
                "catalog-error-unknown-category",
                "named",
                &crate::privacy::quoted(named),
            ),
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn organisation(code: &str, name: &str, register: &str) -> organisation::Model {
        let now = chrono::DateTime::UNIX_EPOCH;
        organisation::Model {
            id: Uuid::now_v7(),
            code: code.to_owned(),
            name: name.to_owned(),
            register_name: Some(register.to_owned()),
            slug: slug::slugify(register),
            kind: if code.len() == 2 { "region" } else { "kommun" }.to_owned(),
            county_code: code[..2].to_owned(),
            county_name: String::new(),
            created_at: now,
            updated_at: now,
        }
    }

    fn catalog() -> CatalogData {
        CatalogData::new(
            vec![
                organisation("01", "Region Stockholm", "Region Stockholm"),
                organisation("0180", "Stockholms stad", "Stockholms kommun"),
                organisation("03", "Region Uppsala", "Region Uppsala"),
                organisation("0305", "Håbo kommun", "Håbo kommun"),
                organisation("0380", "Uppsala kommun", "Uppsala kommun"),
                organisation("04", "Region Sörmland", "Region Sörmland"),
                organisation("0482", "Flens kommun", "Flens kommun"),
                organisation("0643", "Habo kommun", "Habo kommun"),
                organisation("1280", "Malmö stad", "Malmö kommun"),
                organisation("14", "Västra Götalandsregionen", "Västra Götalandsregionen"),
                organisation("1480", "Göteborgs Stad", "Göteborgs kommun"),
                organisation("1488", "Trollhättans stad", "Trollhättans kommun"),
                organisation("1980", "Västerås stad", "Västerås kommun"),
            ],
            Vec::new(),
        )
    }

    #[test]
    fn organisations_are_found_by_every_name_people_write() {
        let catalog = catalog();
        for (given, code) in [
            ("1280", "1280"),
            ("malmo-kommun", "1280"),
            ("Malmö stad", "1280"),
            ("Malmö kommun", "1280"),
            ("malmö", "1280"),
            ("MALMO", "1280"),
            ("Malmo stad", "1280"),
            ("Göteborgs Stad", "1480"),
            ("göteborgs stad", "1480"),
            ("Goteborg", "1480"),
            ("Trollhättans stad", "1488"),
            ("Stockholms stad", "0180"),
            ("Stockholm", "0180"),
            ("Region Stockholm", "01"),
            ("region  stockholm", "01"),
            ("Flen", "0482"),
            ("flens", "0482"),
            ("Region Sörmland (landstinget)", "04"),
            ("Region Sormland", "04"),
            ("Uppsala", "0380"),
            ("Västerås", "1980"),
            ("Vasteras", "1980"),
            ("Västra Götalandsregionen", "14"),
            ("Håbo", "0305"),
            ("Håbo kommun", "0305"),
            ("Habo kommun", "0643"),
        ] {
            match catalog.lookup_organisation(given) {
                OrganisationLookup::Found(o) => assert_eq!(o.code, code, "{given}"),
                other => panic!("{given}: {other:?}"),
            }
        }
    }

    #[test]
    fn an_ambiguous_or_unknown_name_is_explained_at_its_field() {
        let catalog = catalog();
        let mut issues = Vec::new();
        assert!(
            catalog
                .organisation_named("Habo", "organisation", &mut issues)
                .is_none()
        );
        assert!(
            catalog
                .organisation_named("Habo ", "organisation", &mut issues)
                .is_none()
        );
        assert!(
            catalog
                .organisation_named("Ankeborg", "lead", &mut issues)
                .is_none()
        );
        assert_eq!(issues.len(), 3);
        assert_eq!(issues[0].field, "organisation");
        assert!(
            issues[0].message.contains("Håbo kommun (0305)")
                && issues[0].message.contains("Habo kommun (0643)"),
            "{}",
            issues[0].message
        );
        assert_eq!(issues[2].field, "lead");
        assert!(
            issues[2]
                .message
                .contains("Okänd organisation \"Ankeborg\"")
        );
    }
}

/// An organisation as other resources refer to it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct OrganisationRef {
    pub code: String,
    pub name: String,
    pub url: String,
}

impl From<&organisation::Model> for OrganisationRef {
    fn from(o: &organisation::Model) -> Self {
        OrganisationRef {
            code: o.code.clone(),
            name: o.name.clone(),
            url: format!("/organisationer/{}", o.slug),
        }
    }
}

/// A category as other resources refer to it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
    pub url: String,
}

impl From<&category::Model> for CategoryRef {
    fn from(c: &category::Model) -> Self {
        CategoryRef {
            slug: c.slug.clone(),
            name: c.name.clone(),
            url: format!("/kategorier/{}", c.slug),
        }
    }
}
