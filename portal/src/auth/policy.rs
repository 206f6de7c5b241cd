//! The one policy: `can(actor, action, resource)` decides every read and write.
//!
//! Items carry principals (`public`, `network`, `org:<uuid>`, `workspace:<uuid>`, `staff`); an
//! actor holds principals too, computed once when the request's actor is known (see
//! [`Member::new`](super::Member::new)), and may read an item when the two share one. Search stores the same
//! principals per document, so a query filter enforces the very same rule.
//!
//! Roles are told apart here and nowhere else: the rest of the code asks `can` (or one of the
//! helpers below) and never compares a role itself.

use std::ops::Deref;
use std::sync::Arc;

use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Expr, SimpleExpr};
use uuid::Uuid;

use super::{Actor, Role};
use crate::catalog::CatalogData;
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Create,
    Edit,
    Delete,
    /// Node administration: organisations' domains, identity providers, users, workspaces and
    /// the audit trail.
    Administer,
    /// Take part in an item one does not own: write in a trial's journal.
    Contribute,
    /// Say one's organisation shares a need raised by another ("Vi har samma behov").
    Endorse,
    /// Publish submitted reports or send them back; change a published item without review
    /// (node staff).
    Review,
    /// Keep the catalogue and the reference data (organisations, categories) in order: add
    /// technologies, correct names (node staff).
    Curate,
    /// Take an item back: hide it from lists, search and the overview without erasing it
    /// (those who may edit it).
    Withdraw,
    /// Bring a withdrawn item back (node staff).
    Restore,
}

/// What an action is done to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// A shared item (a report, a need, a trial) with who may open it, who owns it and which
    /// other organisations take part in it.
    Item {
        principals: Vec<String>,
        organisation_id: Option<Uuid>,
        partners: Vec<Uuid>,
    },
    /// The node's administration: its organisations' domains, identity providers, users and
    /// audit trail.
    Node,
    /// The reports submitted for review.
    ReviewQueue,
    /// The technology catalogue: everyone reads it, members propose entries (contribute), node
    /// staff curate, withdraw and restore its entries.
    Catalogue,
    /// One organisation's use of a catalogue entry: its own staff (or node staff) record it.
    TechnologyUse { organisation_id: Uuid },
    /// The contact persons given with uses and trials: staff members' names and addresses,
    /// for signed-in readers only.
    Contacts,
    /// Reference data: organisations and categories. Everyone reads it, node staff curate it.
    ReferenceData,
    /// A workspace with its member organisations: its members open it, node administrators
    /// create it and choose its members.
    Workspace {
        id: Option<Uuid>,
        organisations: Vec<Uuid>,
    },
    /// A joint procurement (`workspace`: the workspace it owns, `None` for one not yet made;
    /// `lead`: its lead organisation; `standing`: the actor's own role in it, as its members
    /// table says). Only its members read anything in it: a user is a member in person (the
    /// workspace's principal), never through their organisation alone, so node staff too
    /// open it only once invited. Coordinators start one for their own organisation, node
    /// staff for any; its leads change it and choose its members; members take part;
    /// observers read.
    Procurement {
        workspace: Option<Uuid>,
        lead: Uuid,
        standing: Option<Standing>,
    },
    /// The public facts of a joint procurement (`workspace`: the workspace it owns;
    /// `published`: it has reached annonsering, so it stands in a public notice): its title,
    /// description, lead, phase, milestones, contract parties and award. Once published
    /// everyone reads them, in pages, the API, its OCDS export and search; before that only
    /// its members. Nobody writes through them, and nothing inside the workspace (members,
    /// requirements, documents, call-offs) becomes public with them.
    ProcurementFacts { workspace: Uuid, published: bool },
    /// The technology coaches of one organisation (`coach`: the user whose profile is meant,
    /// `None` for appointing a new one). Everyone reads the directory (contacts only as
    /// [`Resource::Contacts`] allows); coordinators appoint and end the coaches of their own
    /// organisation, node staff those of any (administer); a coach edits their own profile,
    /// and those who appoint edit it too.
    Coaches {
        organisation_id: Uuid,
        coach: Option<Uuid>,
    },
    /// Field reports as a whole: who may post one (coaches, coordinators and node staff).
    /// A posted report is an [`Resource::Item`] like any other.
    FieldReports,
}

crate::web::vocabulary::vocabulary!(
    /// A user's role in a joint procurement.
    Standing ("standing") {
        Lead => "lead";
        Member => "member";
        Observer => "observer";
    }
);

/// The principal of node staff (node administrators): they open what awaits their review.
pub const STAFF: &str = "staff";

pub fn org_principal(organisation_id: Uuid) -> String {
    format!("org:{organisation_id}")
}

/// The principal of a workspace's members: the users of its member organisations and the
/// users added to it in person.
pub fn workspace_principal(workspace_id: Uuid) -> String {
    format!("workspace:{workspace_id}")
}

/// Node staff: they review, curate and administer. The one place a role decides this.
fn is_staff(role: Role) -> bool {
    match role {
        Role::NodeAdmin => true,
        Role::Member | Role::Coach | Role::Coordinator => false,
    }
}

/// The roles of node staff: those told when something awaits their review.
pub fn staff_roles() -> Vec<Role> {
    Role::ALL.into_iter().filter(|&r| is_staff(r)).collect()
}

/// Who answers for their organisation's items that have no owner of their own (reminded when
/// they go stale): its coordinators. The one place a role decides this.
fn answers_for_organisation(role: Role) -> bool {
    match role {
        Role::Coordinator => true,
        Role::Member | Role::Coach | Role::NodeAdmin => false,
    }
}

/// The roles of [`answers_for_organisation`].
pub fn organisation_answering_roles() -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|&r| answers_for_organisation(r))
        .collect()
}

/// Who may start a joint procurement: coordinators and node staff. The one place a role
/// decides this.
fn starts_procurements(role: Role) -> bool {
    match role {
        Role::Coordinator | Role::NodeAdmin => true,
        Role::Member | Role::Coach => false,
    }
}

/// Who may appoint the technology coaches of their own organisation: coordinators and node
/// staff. The one place a role decides this.
fn appoints_coaches(role: Role) -> bool {
    match role {
        Role::Coordinator | Role::NodeAdmin => true,
        Role::Member | Role::Coach => false,
    }
}

/// Who may post field reports: coaches, coordinators and node staff. The one place a role
/// decides this.
fn posts_field_reports(role: Role) -> bool {
    match role {
        Role::Coach | Role::Coordinator | Role::NodeAdmin => true,
        Role::Member => false,
    }
}

/// Who may promote a field report into a journal entry or a need (with the target's own
/// rights besides): coordinators and node staff. The one place a role decides this.
fn promotes_field_reports(role: Role) -> bool {
    match role {
        Role::Coordinator | Role::NodeAdmin => true,
        Role::Member | Role::Coach => false,
    }
}

/// The role a user is given when appointed technology coach: a plain member becomes a coach;
/// coordinators and node staff keep their role. The one place a role decides this.
pub fn role_when_appointed(role: Role) -> Role {
    match role {
        Role::Member => Role::Coach,
        Role::Coach | Role::Coordinator | Role::NodeAdmin => role,
    }
}

/// The role a user goes back to when their appointment as coach ends: a coach becomes a
/// plain member again; other roles are kept.
pub fn role_when_appointment_ends(role: Role) -> Role {
    match role {
        Role::Coach => Role::Member,
        Role::Member | Role::Coordinator | Role::NodeAdmin => role,
    }
}

/// May `actor` turn the field report `report` (its resource) into a journal entry of a trial
/// (`trial`: that trial's resource) or, with `trial` `None`, into a new need? Coordinators and
/// node staff who read the report; for a journal, also whoever may edit the trial (its lead).
/// The trial's or need's own rules are asked again when the item is written.
pub fn promotes_field_report(actor: &Actor, report: &Resource, trial: Option<&Resource>) -> bool {
    if !can(actor, Action::Read, report) {
        return false;
    }
    match actor {
        Actor::System => true,
        Actor::Anonymous => false,
        Actor::User(member) => {
            member.may_write()
                && (promotes_field_reports(member.role)
                    || trial.is_some_and(|t| can(actor, Action::Edit, t)))
        }
    }
}

/// Who may delete their own organisation's items.
fn deletes_own(role: Role) -> bool {
    match role {
        Role::Coordinator | Role::NodeAdmin => true,
        // A coach has a member's rights for now (field reports come with the coach network).
        Role::Member | Role::Coach => false,
    }
}

/// The principals of a signed-in user, computed once per request by [`Member::new`](super::Member::new): the
/// public and the network, their organisation, their workspaces (through the organisation or
/// in person) and, for node staff, what awaits review.
pub fn member_principals(role: Role, organisation_id: Uuid, workspaces: &[Uuid]) -> Arc<[String]> {
    let mut principals = vec![
        "public".to_owned(),
        "network".to_owned(),
        org_principal(organisation_id),
    ];
    principals.extend(workspaces.iter().map(|&w| workspace_principal(w)));
    if is_staff(role) {
        principals.push(STAFF.to_owned());
    }
    principals.into()
}

const ANONYMOUS: &[&str] = &["public"];
const SYSTEM: &[&str] = &["*"];

/// The principals an actor reads with; search filters by exactly these.
pub fn principals(actor: &Actor) -> Vec<String> {
    match actor {
        Actor::Anonymous => ANONYMOUS.iter().map(|p| (*p).to_owned()).collect(),
        Actor::User(member) => member.principals().to_vec(),
        Actor::System => SYSTEM.iter().map(|p| (*p).to_owned()).collect(),
    }
}

fn holds(actor: &Actor, principal: &str) -> bool {
    match actor {
        Actor::Anonymous => ANONYMOUS.contains(&principal),
        Actor::User(member) => member.principals().iter().any(|p| p == principal),
        Actor::System => true,
    }
}

/// A value whose reader was checked to be allowed to read it. Only the policy makes one, so a
/// function taking `Readable<T>` cannot be handed something nobody checked.
#[derive(Debug, Clone)]
pub struct Readable<T>(T);

impl<T> Readable<T> {
    /// `value` if `actor` may read `resource` (what the policy knows of `value`).
    pub fn check(actor: &Actor, resource: &Resource, value: T) -> Option<Readable<T>> {
        can(actor, Action::Read, resource).then_some(Readable(value))
    }

    /// `value` if `actor` may read `resource`; otherwise the refusal a reader should get: a
    /// visitor who only needs to sign in is asked to (an item for the node's signed-in users),
    /// anyone else is told `what` is not there, so private items do not reveal themselves.
    pub fn check_or(
        actor: &Actor,
        resource: &Resource,
        value: T,
        what: &'static str,
    ) -> Result<Readable<T>, AppError> {
        Readable::check(actor, resource, value).ok_or_else(|| refusal(actor, resource, what))
    }

    /// Like [`Readable::check_or`] for an item that can be withdrawn: a withdrawn item opens
    /// only to those who may bring it back (node staff); to anyone else it is not there.
    pub fn check_withdrawn_or(
        actor: &Actor,
        resource: &Resource,
        value: T,
        withdrawn: bool,
        what: &'static str,
    ) -> Result<Readable<T>, AppError> {
        if withdrawn && !can(actor, Action::Restore, resource) {
            return Err(AppError::NotFound(what));
        }
        Readable::check_or(actor, resource, value, what)
    }

    pub fn into_inner(self) -> T {
        self.0
    }

    /// A part of a checked value (or what was read because of it) stays checked.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Readable<U> {
        Readable(f(self.0))
    }

    pub fn as_ref(&self) -> Readable<&T> {
        Readable(&self.0)
    }
}

impl<T> Deref for Readable<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What a reader who may not read `resource` is told: "sign in" when signing in would be
/// enough (an item the node's signed-in users read), "not found" otherwise.
pub fn refusal(actor: &Actor, resource: &Resource, what: &'static str) -> AppError {
    let for_members = match resource {
        Resource::Item { principals, .. } => principals.iter().any(|p| p == "network"),
        _ => false,
    };
    if matches!(actor, Actor::Anonymous) && for_members {
        AppError::SignInRequired
    } else {
        AppError::NotFound(what)
    }
}

/// May `actor` write items in the name of `organisation_id` (the organisations a form offers)?
pub fn writes_for(actor: &Actor, organisation_id: Uuid) -> bool {
    can(
        actor,
        Action::Create,
        &Resource::Item {
            principals: vec!["network".to_owned()],
            organisation_id: Some(organisation_id),
            partners: Vec::new(),
        },
    )
}

/// May `actor` write items that only the members of a workspace read (its member
/// organisations and the users added in person)?
pub fn writes_into(actor: &Actor, workspace_id: Uuid, organisations: &[Uuid]) -> bool {
    let Some(own) = actor.member().map(|m| m.organisation_id) else {
        return matches!(actor, Actor::System);
    };
    can(
        actor,
        Action::Create,
        &Resource::Item {
            principals: organisations
                .iter()
                .map(|&m| org_principal(m))
                .chain(std::iter::once(workspace_principal(workspace_id)))
                .collect(),
            organisation_id: Some(own),
            partners: Vec::new(),
        },
    )
}

/// May `actor` say that `organisation_id` shares `need` (a need's resource)? Users speak for
/// their own organisation only, the node (loading content) for any; nobody for the need's own.
pub fn endorses_as(actor: &Actor, need: &Resource, organisation_id: Uuid) -> bool {
    let own_need = matches!(
        need,
        Resource::Item { organisation_id: owner, .. } if *owner == Some(organisation_id)
    );
    let speaks_for = match actor {
        Actor::Anonymous => false,
        Actor::User(member) => member.organisation_id == organisation_id,
        Actor::System => true,
    };
    speaks_for && !own_need && can(actor, Action::Endorse, need)
}

/// May `actor` change (`Action::Edit`) or take back (`Action::Withdraw`) what organisation
/// `organisation_id` wrote in `item` (an entry in a trial's journal)? Those who may do so to
/// the item itself may; a party taking part may for what its own organisation wrote.
pub fn amends_contribution(
    actor: &Actor,
    action: Action,
    item: &Resource,
    organisation_id: Uuid,
) -> bool {
    let own = match actor {
        Actor::Anonymous => false,
        Actor::User(member) => member.organisation_id == organisation_id,
        Actor::System => true,
    };
    can(actor, action, item) || (own && can(actor, Action::Contribute, item))
}

/// May `actor` record a call-off from the framework agreement of `procurement` (a
/// `Resource::Procurement`) for the contract party `organisation_id`? The procurement's leads
/// for every party; a member taking part (not an observer) for their own organisation only.
pub fn calls_off_for(actor: &Actor, procurement: &Resource, organisation_id: Uuid) -> bool {
    matches!(procurement, Resource::Procurement { .. })
        && amends_contribution(actor, Action::Edit, procurement, organisation_id)
}

/// May `actor` comment on an item that `principals` may read? Any signed-in reader of the item
/// who may write (a browser session, or a token with the `write` scope); the node itself too.
pub fn comments_on(actor: &Actor, principals: &[String]) -> bool {
    let item = Resource::Item {
        principals: principals.to_vec(),
        organisation_id: None,
        partners: Vec::new(),
    };
    match actor {
        Actor::Anonymous => false,
        Actor::System => true,
        Actor::User(member) => member.may_write() && readable(actor, &item),
    }
}

/// May `actor` remove someone's comment (its text disappears from pages and stays in the
/// audit trail)? Node staff, and the node itself. The one place a role decides this.
pub fn removes_comments(actor: &Actor) -> bool {
    match actor {
        Actor::Anonymous => false,
        Actor::System => true,
        Actor::User(member) => member.may_write() && is_staff(member.role),
    }
}

/// May `actor` do `action` on `resource`?
/// What a peer node gets of an item whose readers are `principals`: public items go to every
/// trusted peer, items for this node's signed-in users only to a peer trusted like one
/// (`network_trusted`); nothing else ever leaves the node. `None`: not shared with it.
pub fn shared_with_peer(
    principals: &[String],
    network_trusted: bool,
) -> Option<super::visibility::Visibility> {
    use super::visibility::Visibility;
    let has = |v: Visibility| principals.iter().any(|p| p == v.as_str());
    if has(Visibility::Public) {
        Some(Visibility::Public)
    } else if network_trusted && has(Visibility::Network) {
        Some(Visibility::Network)
    } else {
        None
    }
}

pub fn can(actor: &Actor, action: Action, resource: &Resource) -> bool {
    let member = match actor {
        Actor::System => return true,
        Actor::Anonymous => {
            return action == Action::Read && readable(actor, resource);
        }
        Actor::User(member) => member,
    };
    if action != Action::Read && !member.may_write() {
        return false;
    }
    let staff = is_staff(member.role);
    match (action, resource) {
        (Action::Read, resource) => readable(actor, resource),
        (Action::Administer, Resource::Node | Resource::Workspace { .. }) => {
            staff && member.via_session()
        }
        (Action::Create | Action::Edit, Resource::Workspace { .. }) => {
            staff && member.via_session()
        }
        (Action::Review, Resource::ReviewQueue) => staff,
        (Action::Curate, Resource::Catalogue | Resource::ReferenceData) => staff,
        (Action::Edit | Action::Withdraw, Resource::TechnologyUse { organisation_id }) => {
            staff || *organisation_id == member.organisation_id
        }
        (Action::Withdraw | Action::Restore, Resource::Catalogue) => staff,
        // Members propose entries, which wait for node staff to approve them.
        (Action::Contribute, Resource::Catalogue) => true,
        (Action::Restore, Resource::TechnologyUse { .. }) => staff,
        (Action::Restore, item @ Resource::Item { .. }) => staff && readable(actor, item),
        (Action::Create, Resource::FieldReports) => posts_field_reports(member.role),
        (_, Resource::FieldReports) => false,
        (_, Resource::Node | Resource::ReviewQueue | Resource::Catalogue) => false,
        (_, Resource::TechnologyUse { .. } | Resource::Contacts | Resource::ReferenceData) => false,
        (_, Resource::Workspace { .. }) => false,
        (
            Action::Create,
            Resource::Procurement {
                workspace: None,
                lead,
                ..
            },
        ) => starts_procurements(member.role) && (staff || *lead == member.organisation_id),
        (
            Action::Edit | Action::Administer,
            procurement @ Resource::Procurement {
                standing: Some(Standing::Lead),
                ..
            },
        ) => readable(actor, procurement),
        (
            Action::Contribute,
            procurement @ Resource::Procurement {
                standing: Some(Standing::Lead | Standing::Member),
                ..
            },
        ) => readable(actor, procurement),
        (_, Resource::Procurement { .. }) => false,
        (_, Resource::ProcurementFacts { .. }) => false,
        (
            Action::Administer,
            Resource::Coaches {
                organisation_id, ..
            },
        ) => staff || (appoints_coaches(member.role) && *organisation_id == member.organisation_id),
        (
            Action::Edit,
            Resource::Coaches {
                organisation_id,
                coach,
            },
        ) => {
            *coach == Some(member.user_id)
                || staff
                || (appoints_coaches(member.role) && *organisation_id == member.organisation_id)
        }
        (_, Resource::Coaches { .. }) => false,
        // A change to a shared item that takes effect without review (node staff): e.g. the
        // files of a published report.
        (Action::Review, item @ Resource::Item { .. }) => staff && readable(actor, item),
        (Action::Curate | Action::Administer, Resource::Item { .. }) => false,
        // Nobody writes what they could not read afterwards (e.g. into another group's workspace).
        (
            Action::Create | Action::Edit | Action::Withdraw,
            item @ Resource::Item {
                organisation_id, ..
            },
        ) => readable(actor, item) && (staff || *organisation_id == Some(member.organisation_id)),
        (
            Action::Contribute,
            item @ Resource::Item {
                organisation_id,
                partners,
                ..
            },
        ) => {
            readable(actor, item)
                && (staff
                    || *organisation_id == Some(member.organisation_id)
                    || partners.contains(&member.organisation_id))
        }
        (
            Action::Endorse,
            item @ Resource::Item {
                organisation_id, ..
            },
        ) => readable(actor, item) && *organisation_id != Some(member.organisation_id),
        (
            Action::Delete,
            item @ Resource::Item {
                organisation_id, ..
            },
        ) => {
            readable(actor, item)
                && (staff
                    || (*organisation_id == Some(member.organisation_id)
                        && deletes_own(member.role)))
        }
    }
}

fn readable(actor: &Actor, resource: &Resource) -> bool {
    if matches!(actor, Actor::System) {
        return true;
    }
    match resource {
        // Administration pages are not read, they are administered.
        Resource::Node => false,
        Resource::ReviewQueue => holds(actor, STAFF),
        Resource::Catalogue | Resource::ReferenceData | Resource::FieldReports => true,
        Resource::TechnologyUse { .. } => true,
        Resource::Contacts => holds(actor, "network"),
        Resource::Workspace { id, organisations } => {
            id.is_some_and(|id| holds(actor, &workspace_principal(id)))
                || organisations
                    .iter()
                    .any(|&o| holds(actor, &org_principal(o)))
                || can_administer_workspaces(actor)
        }
        Resource::Item {
            principals: of_item,
            ..
        } => of_item.iter().any(|p| holds(actor, p)),
        Resource::Procurement { workspace, .. } => {
            workspace.is_some_and(|w| holds(actor, &workspace_principal(w)))
        }
        Resource::ProcurementFacts {
            workspace,
            published,
        } => *published || holds(actor, &workspace_principal(*workspace)),
        Resource::Coaches { .. } => true,
    }
}

/// The principals of everything inside a procurement (its page, its search document, what
/// later parts add): its workspace's alone, so only the members in person read it. Search
/// stores the same, so a query filter enforces the very same rule as [`can`].
pub fn procurement_principals(workspace: Uuid) -> Vec<String> {
    vec![workspace_principal(workspace)]
}

/// The principals of a procurement's public facts (its own search document): everyone's
/// once it is published (has reached annonsering), else its members' alone; the same rule as
/// [`can`] on `Resource::ProcurementFacts`.
pub fn procurement_fact_principals(workspace: Uuid, published: bool) -> Vec<String> {
    let mut principals = procurement_principals(workspace);
    if published {
        principals.insert(0, "public".to_owned());
    }
    principals
}

/// Whether `actor` reads the public facts of every published procurement (a list's filter
/// adds them to the actor's own).
pub fn reads_published_procurements(actor: &Actor) -> bool {
    can(
        actor,
        Action::Read,
        &Resource::ProcurementFacts {
            workspace: Uuid::nil(),
            published: true,
        },
    )
}

/// The workspaces whose procurements `actor` may read, as a list filter: `None` for all (the
/// node itself), else those of the actor's workspace principals (none for a visitor).
pub fn readable_workspaces(actor: &Actor) -> Option<Vec<Uuid>> {
    if matches!(actor, Actor::System) {
        return None;
    }
    Some(
        principals(actor)
            .iter()
            .filter_map(|p| p.strip_prefix("workspace:"))
            .filter_map(|id| Uuid::parse_str(id).ok())
            .collect(),
    )
}

fn can_administer_workspaces(actor: &Actor) -> bool {
    match actor {
        Actor::System => true,
        Actor::Anonymous => false,
        Actor::User(member) => is_staff(member.role) && member.via_session(),
    }
}

/// How a table records who may open its rows, so that [`visible_condition`] can say in SQL
/// what [`readable`] says of one item. Each feature describes its own table with its columns.
pub struct Readers<C: ColumnTrait> {
    /// `public`, `network`, `organisation` or `workspace`.
    pub visibility: C,
    /// The owning organisation (the one that raised, leads or wrote the item).
    pub organisation: C,
    /// The workspace of rows whose visibility is `workspace`; `None` where a table has none.
    pub workspace: Option<C>,
    /// Rows not yet shared (status column, the status of shared rows) open to their own
    /// organisation and to node staff only, whatever their visibility.
    pub shared_when: Option<(C, &'static str)>,
    /// Where rows of visibility `organisation` also open to other organisations taking part:
    /// the condition "organisation `org` takes part in this row".
    pub partners: Option<fn(Uuid) -> SimpleExpr>,
    /// Node staff open the rows of visibility `organisation` too (trials).
    pub staff_read_organisation: bool,
}

impl<C: ColumnTrait> Readers<C> {
    /// A table whose rows open by visibility and owner only.
    pub fn owned(visibility: C, organisation: C) -> Self {
        Readers {
            visibility,
            organisation,
            workspace: None,
            shared_when: None,
            partners: None,
            staff_read_organisation: false,
        }
    }
}

/// The rows of a table described by `readers` that `actor` may read, as a query condition:
/// exactly the rule of [`can`] with [`Action::Read`], built from the same [`principals`], so
/// lists are filtered, counted and paged in the database. A principal this function does not
/// know opens nothing.
pub fn visible_condition<C: ColumnTrait>(
    actor: &Actor,
    readers: &Readers<C>,
    catalog: &CatalogData,
) -> Condition {
    let mine = principals(actor);
    if mine.iter().any(|p| p == "*") {
        return Condition::all();
    }
    let visibility = |v: &str| readers.visibility.eq(v);
    // Rows shared by their status follow their visibility; the others open to owner and staff.
    let (shared, unshared) = match readers.shared_when {
        Some((status, value)) => (
            Condition::all().add(status.eq(value)),
            Some(Condition::all().add(status.ne(value))),
        ),
        None => (Condition::all(), None),
    };
    // Never empty, so an actor with no usable principal sees nothing rather than everything.
    let mut any = Condition::any().add(Expr::cust("1 = 0"));
    for principal in &mine {
        if principal == "public" || principal == "network" {
            any = any.add(shared.clone().add(visibility(principal)));
        } else if principal == STAFF {
            if readers.staff_read_organisation {
                any = any.add(shared.clone().add(visibility("organisation")));
            }
            if let Some(unshared) = &unshared {
                any = any.add(unshared.clone());
            }
        } else if let Some(org) = principal
            .strip_prefix("org:")
            .and_then(|id| Uuid::parse_str(id).ok())
        {
            let mut own = Condition::any().add(readers.organisation.eq(org));
            if let Some(partners) = readers.partners {
                own = own.add(partners(org));
            }
            any = any.add(shared.clone().add(visibility("organisation")).add(own));
            if let Some(workspace) = readers.workspace {
                let spaces: Vec<Uuid> = catalog.workspaces_of(org).map(|w| w.id).collect();
                if !spaces.is_empty() {
                    any = any.add(
                        shared
                            .clone()
                            .add(visibility("workspace"))
                            .add(workspace.is_in(spaces)),
                    );
                }
            }
            if let Some(unshared) = &unshared {
                any = any.add(unshared.clone().add(readers.organisation.eq(org)));
            }
        } else if let Some(space) = principal
            .strip_prefix("workspace:")
            .and_then(|id| Uuid::parse_str(id).ok())
        {
            // A workspace the user belongs to, through their organisation or in person.
            if let Some(workspace) = readers.workspace {
                any = any.add(
                    shared
                        .clone()
                        .add(visibility("workspace"))
                        .add(workspace.eq(space)),
                );
            }
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Member, Scopes, Via};

    fn org(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// Workspace W has organisations 1 and 2 and, in person, a user of organisation 3;
    /// workspace V has organisation 3.
    const W: Uuid = Uuid::from_u128(0x77);
    const V: Uuid = Uuid::from_u128(0x76);

    fn workspaces_of(organisation: u128) -> Vec<Uuid> {
        match organisation {
            1 | 2 => vec![W],
            3 => vec![V],
            _ => Vec::new(),
        }
    }

    fn user(role: Role, of: u128) -> Actor {
        Actor::User(Member::new(
            Uuid::from_u128(1000 + of),
            org(of),
            role,
            Via::Session,
            &workspaces_of(of),
        ))
    }

    fn token(role: Role, of: u128, scopes: Scopes) -> Actor {
        Actor::User(Member::new(
            Uuid::from_u128(2000 + of),
            org(of),
            role,
            Via::Token(scopes),
            &workspaces_of(of),
        ))
    }

    fn item(principals: &[String], owner: u128, partners: &[u128]) -> Resource {
        Resource::Item {
            principals: principals.to_vec(),
            organisation_id: Some(org(owner)),
            partners: partners.iter().map(|&p| org(p)).collect(),
        }
    }

    fn actor(column: &str) -> Actor {
        let rw = Scopes::READ | Scopes::WRITE;
        match column {
            "anon" => Actor::Anonymous,
            "member" => user(Role::Member, 1),
            "coach" => user(Role::Coach, 1),
            "coord" => user(Role::Coordinator, 1),
            "o.member" => user(Role::Member, 2),
            "o.coord" => user(Role::Coordinator, 2),
            // A member of organisation 3 added to workspace W in person.
            "person" => Actor::User(Member::new(
                Uuid::from_u128(3003),
                org(3),
                Role::Member,
                Via::Session,
                &[V, W],
            )),
            "admin" => user(Role::NodeAdmin, 4),
            "adm.tok" => token(Role::NodeAdmin, 4, rw),
            "r.tok" => token(Role::Member, 1, Scopes::READ),
            "w.tok" => token(Role::Member, 1, rw),
            "system" => Actor::System,
            other => panic!("no actor {other}"),
        }
    }

    fn resource(row: &str) -> Resource {
        let public = || vec!["public".to_owned()];
        match row {
            "public item" => item(&public(), 1, &[]),
            "network item" => item(&["network".to_owned()], 1, &[]),
            "organisation item" => item(&[org_principal(org(1))], 1, &[]),
            "workspace W item" => item(
                &[
                    org_principal(org(1)),
                    org_principal(org(2)),
                    workspace_principal(W),
                ],
                1,
                &[],
            ),
            "draft" => item(&[org_principal(org(1)), STAFF.to_owned()], 1, &[]),
            "trial with org 2" => item(&public(), 1, &[2]),
            "hidden item" => item(&[], 1, &[]),
            "node" => Resource::Node,
            "review queue" => Resource::ReviewQueue,
            "catalogue" => Resource::Catalogue,
            "use of org 1" => Resource::TechnologyUse {
                organisation_id: org(1),
            },
            "contacts" => Resource::Contacts,
            "reference data" => Resource::ReferenceData,
            "workspace W" => Resource::Workspace {
                id: Some(W),
                organisations: vec![org(1), org(2)],
            },
            "workspace V" => Resource::Workspace {
                id: Some(V),
                organisations: vec![org(3)],
            },
            "new workspace" => Resource::Workspace {
                id: None,
                organisations: Vec::new(),
            },
            "procurement in W, as lead" => Resource::Procurement {
                workspace: Some(W),
                lead: org(1),
                standing: Some(Standing::Lead),
            },
            "procurement in W, as observer" => Resource::Procurement {
                workspace: Some(W),
                lead: org(1),
                standing: Some(Standing::Observer),
            },
            "new procurement of org 1" => Resource::Procurement {
                workspace: None,
                lead: org(1),
                standing: None,
            },
            "facts of procurement in W" => Resource::ProcurementFacts {
                workspace: W,
                published: false,
            },
            "published facts of procurement in V" => Resource::ProcurementFacts {
                workspace: V,
                published: true,
            },
            "coaches of org 1" => Resource::Coaches {
                organisation_id: org(1),
                coach: None,
            },
            "coach profile of member" => Resource::Coaches {
                organisation_id: org(1),
                coach: Some(Uuid::from_u128(1001)),
            },
            other => panic!("no resource {other}"),
        }
    }

    const ACTIONS: [(char, Action); 11] = [
        ('R', Action::Read),
        ('C', Action::Create),
        ('E', Action::Edit),
        ('D', Action::Delete),
        ('W', Action::Withdraw),
        ('B', Action::Restore),
        ('T', Action::Contribute),
        ('N', Action::Endorse),
        ('V', Action::Review),
        ('U', Action::Curate),
        ('A', Action::Administer),
    ];

    /// Every role × every action × representative resources. Items are owned by the first
    /// organisation. Columns: anonymous; a member, a coach and a coordinator of organisation 1; a member
    /// and a coordinator of organisation 2 (in workspace W, taking part in the trial); a user of
    /// organisation 3 added to W in person; a node administrator (of organisation 4) in a
    /// session and with a read-write token; a member of organisation 1 with a read token and
    /// with a read-write token; the node itself (administrator token, `noden` commands).
    ///
    /// Letters: R read, C create, E edit, D delete, W withdraw, B bring back (restore),
    /// T take part (contribute), N endorse, V review, U curate, A administer; `-` is a refusal
    /// of all.
    const TABLE: &str = "
        resource          | anon | member | coach | coord  | o.member | o.coord | person | admin     | adm.tok   | r.tok | w.tok | system
        public item       | R    | RCEWT  | RCEWT | RCEDWT | RN       | RN      | RN     | RCEDWBTNV | RCEDWBTNV | R     | RCEWT | RCEDWBTNVUA
        network item      | -    | RCEWT  | RCEWT | RCEDWT | RN       | RN      | RN     | RCEDWBTNV | RCEDWBTNV | R     | RCEWT | RCEDWBTNVUA
        organisation item | -    | RCEWT  | RCEWT | RCEDWT | -        | -       | -      | -         | -         | R     | RCEWT | RCEDWBTNVUA
        workspace W item  | -    | RCEWT  | RCEWT | RCEDWT | RN       | RN      | RN     | -         | -         | R     | RCEWT | RCEDWBTNVUA
        draft             | -    | RCEWT  | RCEWT | RCEDWT | -        | -       | -      | RCEDWBTNV | RCEDWBTNV | R     | RCEWT | RCEDWBTNVUA
        trial with org 2  | R    | RCEWT  | RCEWT | RCEDWT | RTN      | RTN     | RN     | RCEDWBTNV | RCEDWBTNV | R     | RCEWT | RCEDWBTNVUA
        hidden item       | -    | -      | -     | -      | -        | -       | -      | -         | -         | -     | -     | RCEDWBTNVUA
        node              | -    | -      | -     | -      | -        | -       | -      | A         | -         | -     | -     | RCEDWBTNVUA
        review queue      | -    | -      | -     | -      | -        | -       | -      | RV        | RV        | -     | -     | RCEDWBTNVUA
        catalogue         | R    | RT     | RT    | RT     | RT       | RT      | RT     | RWBTU     | RWBTU     | R     | RT    | RCEDWBTNVUA
        use of org 1      | R    | REW    | REW   | REW    | R        | R       | R      | REWB      | REWB      | R     | REW   | RCEDWBTNVUA
        contacts          | -    | R      | R     | R      | R        | R       | R      | R         | R         | R     | R     | RCEDWBTNVUA
        reference data    | R    | R      | R     | R      | R        | R       | R      | RU        | RU        | R     | R     | RCEDWBTNVUA
        workspace W       | -    | R      | R     | R      | R        | R       | R      | RCEA      | -         | R     | R     | RCEDWBTNVUA
        workspace V       | -    | -      | -     | -      | -        | -       | R      | RCEA      | -         | -     | -     | RCEDWBTNVUA
        new workspace     | -    | -      | -     | -      | -        | -       | -      | RCEA      | -         | -     | -     | RCEDWBTNVUA
        procurement in W, as lead     | - | RETA | RETA | RETA | RETA | RETA | RETA | - | - | R | RETA | RCEDWBTNVUA
        procurement in W, as observer | - | R    | R    | R    | R    | R    | R    | - | - | R | R    | RCEDWBTNVUA
        new procurement of org 1      | - | -    | -    | C    | -    | -    | -    | C | C | - | -    | RCEDWBTNVUA
        facts of procurement in W     | - | R    | R    | R    | R    | R    | R    | - | - | R | R    | RCEDWBTNVUA
        published facts of procurement in V | R | R | R | R | R | R | R | R | R | R | R    | RCEDWBTNVUA
        coaches of org 1        | R | R  | R  | REA | R | R | R | REA | REA | R | R  | RCEDWBTNVUA
        coach profile of member | R | RE | RE | REA | R | R | R | REA | REA | R | R  | RCEDWBTNVUA
    ";

    #[test]
    fn the_policy_table_for_every_role_action_and_resource() {
        let mut lines = TABLE.lines().map(str::trim).filter(|l| !l.is_empty());
        let cells =
            |line: &str| -> Vec<String> { line.split('|').map(|c| c.trim().to_owned()).collect() };
        let header = cells(lines.next().unwrap());
        let actors: Vec<(String, Actor)> = header[1..]
            .iter()
            .map(|name| (name.clone(), actor(name)))
            .collect();
        let mut failures = Vec::new();
        let mut checked = 0;
        for line in lines {
            let row = cells(line);
            let resource = resource(&row[0]);
            assert_eq!(row.len(), header.len(), "{line}");
            for ((name, actor), want) in actors.iter().zip(&row[1..]) {
                let got: String = ACTIONS
                    .iter()
                    .filter(|(_, action)| can(actor, *action, &resource))
                    .map(|(letter, _)| *letter)
                    .collect();
                let got = if got.is_empty() { "-".to_owned() } else { got };
                checked += 1;
                if &got != want {
                    failures.push(format!("{name} on {}: got {got}, want {want}", row[0]));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert_eq!(checked, 23 * 12, "every cell of the table is checked");
    }

    #[test]
    fn each_role_reads_with_its_own_principals() {
        let member = actor("member");
        assert_eq!(
            principals(&member),
            vec![
                "public".to_owned(),
                "network".to_owned(),
                org_principal(org(1)),
                workspace_principal(W),
            ]
        );
        assert!(principals(&actor("admin")).contains(&STAFF.to_owned()));
        for column in ["member", "coach", "coord", "w.tok"] {
            assert!(
                !principals(&actor(column)).contains(&STAFF.to_owned()),
                "{column}"
            );
        }
        assert_eq!(principals(&Actor::Anonymous), vec!["public".to_owned()]);
        assert_eq!(principals(&Actor::System), vec!["*".to_owned()]);
    }

    #[test]
    fn a_checked_read_proves_itself_by_its_type() {
        let secret = resource("organisation item");
        assert!(Readable::check(&actor("member"), &secret, "notes").is_some());
        assert!(Readable::check(&actor("o.member"), &secret, "notes").is_none());
        let checked = Readable::check(&actor("r.tok"), &secret, 7).unwrap();
        assert_eq!(*checked.map(|n| n * 6), 42);
    }

    #[test]
    fn forms_offer_the_organisations_and_workspaces_one_may_write_for() {
        let member = user(Role::Member, 1);
        let admin = user(Role::NodeAdmin, 1);
        assert!(writes_for(&member, org(1)));
        assert!(!writes_for(&member, org(2)));
        assert!(writes_for(&admin, org(2)));
        assert!(!writes_for(&Actor::Anonymous, org(1)));
        assert!(writes_into(&member, W, &[org(1), org(2)]));
        assert!(!writes_into(&member, V, &[org(3)]));
        // In person: organisation 3's user writes into W for organisation 3.
        assert!(writes_into(&actor("person"), W, &[org(1), org(2)]));
        // Nobody writes what they could not read afterwards, node staff neither.
        assert!(!writes_into(&admin, V, &[org(3)]));
        assert!(writes_into(&Actor::System, V, &[org(3)]));
    }

    #[test]
    fn a_party_amends_what_its_own_organisation_wrote_in_a_trial() {
        let trial = resource("trial with org 2");
        for action in [Action::Edit, Action::Withdraw] {
            // The partner, for its own entry; not for the lead's.
            assert!(amends_contribution(
                &actor("o.member"),
                action,
                &trial,
                org(2)
            ));
            assert!(!amends_contribution(
                &actor("o.member"),
                action,
                &trial,
                org(1)
            ));
            // The lead and node staff, for every entry.
            assert!(amends_contribution(
                &actor("member"),
                action,
                &trial,
                org(2)
            ));
            assert!(amends_contribution(&actor("admin"), action, &trial, org(2)));
            // Nobody else, and never with a read-only token.
            assert!(!amends_contribution(
                &actor("person"),
                action,
                &trial,
                org(3)
            ));
            assert!(!amends_contribution(
                &actor("r.tok"),
                action,
                &trial,
                org(1)
            ));
            assert!(!amends_contribution(
                &Actor::Anonymous,
                action,
                &trial,
                org(2)
            ));
        }
    }

    #[test]
    fn leads_record_call_offs_for_every_party_members_for_their_own() {
        let as_lead = resource("procurement in W, as lead");
        let as_observer = resource("procurement in W, as observer");
        let as_member = Resource::Procurement {
            workspace: Some(W),
            lead: org(1),
            standing: Some(Standing::Member),
        };
        // A lead, for any party.
        assert!(calls_off_for(&actor("o.member"), &as_lead, org(1)));
        assert!(calls_off_for(&actor("member"), &as_lead, org(3)));
        // A member, for their own organisation only.
        assert!(calls_off_for(&actor("o.member"), &as_member, org(2)));
        assert!(!calls_off_for(&actor("o.member"), &as_member, org(1)));
        // An observer never; nor a read-only token, nor anyone outside the workspace.
        assert!(!calls_off_for(&actor("o.member"), &as_observer, org(2)));
        assert!(!calls_off_for(&actor("r.tok"), &as_lead, org(1)));
        assert!(!calls_off_for(&actor("admin"), &as_member, org(4)));
        assert!(!calls_off_for(&Actor::Anonymous, &as_lead, org(1)));
        // Only for procurements.
        assert!(!calls_off_for(
            &actor("member"),
            &resource("trial with org 2"),
            org(1)
        ));
    }

    #[test]
    fn organisations_endorse_needs_of_others_in_their_own_name_only() {
        let need = resource("network item");
        assert!(endorses_as(&actor("o.member"), &need, org(2)));
        assert!(
            !endorses_as(&actor("o.member"), &need, org(3)),
            "not for another organisation"
        );
        assert!(
            !endorses_as(&actor("member"), &need, org(1)),
            "not the need's own"
        );
        assert!(!endorses_as(&actor("r.tok"), &need, org(1)));
        assert!(!endorses_as(&Actor::Anonymous, &need, org(2)));
        // The node, loading content, speaks for any organisation but the need's own.
        assert!(endorses_as(&Actor::System, &need, org(3)));
        assert!(!endorses_as(&Actor::System, &need, org(1)));
    }
}
