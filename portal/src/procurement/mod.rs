//! Joint procurements (`/upphandlingar`): a private workspace where several organisations
//! prepare one procurement together (issue 14, points 1–3: the workspace, its members and
//! invitations, its phases and milestones).
//!
//! **Who is a member.** A procurement owns one workspace, and only the users who are members
//! *in person* open anything inside it: the lead who started it, and those who accepted an
//! invitation. Staff of a member organisation are not members by their organisation alone;
//! the organisations' roles (lead, participant, observer) say who takes part in the
//! procurement, the users' roles (lead, member, observer) say who does what in the
//! workspace. A user's membership is their row in `workspace_users` (kept with their role in
//! `procurement_members`); the procurement's workspace has no member organisations, so the
//! principal `workspace:<id>` is held by exactly those users. The policy
//! ([`crate::auth::policy`], `Resource::Procurement`) and the search documents
//! ([`crate::auth::policy::procurement_principals`]) use that one principal, and because a
//! user's principals are read afresh on every request, removing a member shuts them out of
//! pages, the API and search at once. Node staff are no exception: they open a procurement
//! when invited, like anyone.
//!
//! **Invitations.** A lead invites an address in a registered e-mail domain of a member
//! organisation; the link (its token stored only as a hash) is single-use, expires after
//! [`INVITATION_DAYS`] days and can be withdrawn. The invited user signs in with that address
//! and accepts.
//!
//! **Phases and milestones.** Each [`Phase`] is a milestone: the date it is planned to be
//! reached and the date it was. A milestone is overdue when its planned date has passed and
//! the procurement has not reached the phase; the workspace page flags it, and the job
//! [`OVERDUE_JOB`] mails the leads once per planned date.

pub mod api;
pub mod contract;
pub mod documents;
pub mod entity;
pub mod overdue;
pub mod public;
pub mod queries;
pub mod requirements;
pub mod routes;
pub mod search;
pub mod service;
pub mod summary;
pub mod talk;
pub mod topics;

pub use overdue::{OVERDUE_JOB, register_jobs, remind_overdue};
pub use queries::*;
pub use service::*;

use crate::changes::Kind;
use crate::web::vocabulary::vocabulary;

pub use crate::auth::policy::Standing;

/// Procurements in the change log.
pub const PROCUREMENT: Kind = Kind::new("procurement");

/// The search kind of procurements.
pub const PROCUREMENT_KIND: &str = "upphandling";

/// How long an invitation can be accepted.
pub const INVITATION_DAYS: i64 = 7;

vocabulary!(
    /// The phases of a procurement, in order.
    Phase ("procurement-phase") {
        Behovsanalys => "behovsanalys";
        Marknadsdialog => "marknadsdialog";
        Forfragningsunderlag => "forfragningsunderlag";
        Annonsering => "annonsering";
        Utvardering => "utvardering";
        Tilldelning => "tilldelning";
        Avtal => "avtal";
        Uppfoljning => "uppfoljning";
    }
);

impl Phase {
    /// The phase's place in the order, from 0.
    pub fn position(self) -> i32 {
        Phase::ALL
            .iter()
            .position(|&p| p == self)
            .and_then(|p| i32::try_from(p).ok())
            .unwrap_or_default()
    }
}

vocabulary!(
    /// A member organisation's role in a procurement.
    OrganisationRole ("procurement-role") {
        Lead => "lead";
        Participant => "participant";
        Observer => "observer";
    }
);
