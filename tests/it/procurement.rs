//! Joint procurement, the story of issue 14 points 1–3: a coordinator starts a procurement,
//! adds the organisations that take part and invites people by e-mail (an expired and a
//! withdrawn invitation are refused with a clear message); whoever accepts is a member and
//! sees it, in pages, the API and search; an outsider, a colleague who was not invited and an
//! anonymous visitor get 404 and find nothing; removing a member shuts them out at once; an
//! overdue milestone is flagged on the page and mailed to the leads once.

use chrono::{Duration, TimeZone, Utc};
use noden_portal::audit::By;
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use serde_json::{Value, json};

use crate::harness::{Backend, SignedIn, TestApp, facet_values, on_both_backends};

on_both_backends!(
    a_procurement_is_seen_by_its_members_only_from_invitation_to_removal,
    an_overdue_milestone_is_flagged_and_mailed_to_the_leads_once,
    only_coordinators_and_node_staff_start_procurements_and_forms_keep_what_was_typed,
    organisations_members_and_milestones_are_kept_over_the_api_as_on_the_pages,
    nothing_inside_a_procurement_reaches_an_outsider_or_a_visitor,
    a_signed_agreement_becomes_a_public_report_and_its_technology_shows_the_contract,
);

const LEAD: &str = "lena@kungsor.se";
const INVITED: &str = "anders@arboga.se";

/// The path of a 303's Location.
fn location(page: &crate::browser::Page) -> String {
    let url = page.location.clone().expect("a redirect");
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let path = url[after_scheme..]
        .find('/')
        .map_or(0, |i| i + after_scheme);
    url[path..].to_owned()
}

/// The invitation link in the newest mail to `to`.
async fn invitation_link(app: &TestApp, to: &str) -> String {
    let mail = app.mail_to(to).await;
    let text = &mail.last().expect("an invitation").text;
    let start = text
        .find("/upphandlingar/inbjudan/")
        .unwrap_or_else(|| panic!("no invitation link in {text}"));
    let end = text[start..]
        .find(char::is_whitespace)
        .map_or(text.len(), |e| start + e);
    text[start..end].to_owned()
}

async fn register_domain(app: &TestApp, code: &str, domain: &str) {
    noden_portal::auth::domains::add_domain(
        &app.state,
        &By::command("test"),
        app.organisation(code).id,
        domain,
    )
    .await
    .expect("a domain");
}

async fn invite(lead: &SignedIn, url: &str, email: &str, standing: &str) -> crate::browser::Page {
    lead.submit(
        &format!("{url}/inbjudningar"),
        &[("email", email), ("standing", standing)],
    )
    .await
}

/// Searches as `who` (or anonymously) and returns the procurement hits' titles.
async fn found(app: &TestApp, who: Option<&SignedIn>, words: &str) -> Vec<String> {
    let path = format!("/api/v1/search?q={words}&kind=upphandling");
    let (status, body): (u16, Value) = match who {
        Some(user) => user.get_json(&path).await,
        None => app.get_json(&path).await,
    };
    assert_eq!(status, 200, "{body}");
    body["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .filter_map(|h| h["title"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the search-as-you-type suggestions for `prefix` offer the procurement to `who`.
async fn suggested(app: &TestApp, who: Option<&SignedIn>, prefix: &str) -> bool {
    let path = format!("/api/v1/suggest?q={prefix}");
    let (status, body): (u16, Value) = match who {
        Some(user) => user.get_json(&path).await,
        None => app.get_json(&path).await,
    };
    assert_eq!(status, 200, "{body}");
    body.to_string().contains("Nattlig tillsyn")
}

async fn a_procurement_is_seen_by_its_members_only_from_invitation_to_removal(backend: Backend) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap());
    // Mail is delivered when the test reads it, never by a runner still sending when the
    // clock jumps (its claim would lapse and the message go twice).
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock.clone())
        .start()
        .await;
    // Nyköping leads; Flen takes part; Eskilstuna is outside.
    register_domain(&app, "0480", "kungsor.se").await;
    register_domain(&app, "0482", "arboga.se").await;
    register_domain(&app, "0484", "eskilstuna.se").await;
    let lead = app.with_user_at(LEAD, Role::Coordinator, "0480").await;

    // The lead starts it from the form; it opens on its own page, the lead its first member.
    let form = lead.get("/upphandlingar/ny").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains("Rubrik (obligatoriskt)"),
        "{}",
        form.body
    );
    let started = lead
        .submit(
            "/upphandlingar/ny",
            &[
                ("title", "Nattlig tillsyn med kamera"),
                (
                    "description",
                    "Fyra kommuner upphandlar **digital nattillsyn**.",
                ),
                ("lead_organisation", "0480"),
                ("officer", "Olle Upphandlare"),
                ("phase", "behovsanalys"),
            ],
        )
        .await;
    assert_eq!(started.status, 303, "{}", started.body);
    let url = location(&started);
    assert!(url.starts_with("/upphandlingar/"), "{url}");
    let page = lead.get(&url).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Nattlig tillsyn med kamera"));
    assert!(page.body.contains("<strong>digital nattillsyn</strong>"));
    assert!(page.body.contains("Olle Upphandlare"));
    assert!(page.body.contains("Behovsanalys"));
    let (status, listed) = lead.get_json("/api/v1/procurements").await;
    assert_eq!(status, 200);
    assert_eq!(listed["total"], 1, "{listed}");
    let id = listed["procurements"][0]["id"].as_str().unwrap().to_owned();
    let (status, shown) = lead.get_json(&format!("/api/v1/procurements/{id}")).await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["your_role"], "lead");
    assert_eq!(shown["members"].as_array().unwrap().len(), 1);

    // Inviting an address of an organisation that is not a member is refused at the field.
    let refused = invite(&lead, &url, INVITED, "member").await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"email-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains(&format!("value=\"{INVITED}\"")));
    // Flen joins as a participant; now its address can be invited.
    let added = lead
        .submit(
            &format!("{url}/organisationer"),
            &[("organisation", "0482"), ("role", "participant")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);

    // An invitation left for more than 7 days has expired.
    let sent = invite(&lead, &url, INVITED, "member").await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let expired = invitation_link(&app, INVITED).await;
    clock.advance(Duration::days(8));
    // A week on, everyone signs in (again: sessions end when idle): the invited person, a
    // colleague of the lead who was not invited, an outsider and node staff.
    let lead = app.with_user_at(LEAD, Role::Coordinator, "0480").await;
    let invited = app.with_user_at(INVITED, Role::Member, "0482").await;
    let colleague = app
        .with_user_at("kollega@kungsor.se", Role::Member, "0480")
        .await;
    let outsider = app
        .with_user_at("eva@eskilstuna.se", Role::Coordinator, "0484")
        .await;
    let staff = app
        .with_user_at("nod@kungsor.se", Role::NodeAdmin, "0480")
        .await;
    let page = invited.get(&expired).await;
    assert_eq!(page.status, 409, "{}", page.body);
    assert!(page.body.contains("Inbjudan gick ut"), "{}", page.body);
    let accepted = invited.submit(&expired, &[]).await;
    assert_eq!(accepted.status, 409);
    assert!(
        accepted.body.contains("Inbjudan gick ut"),
        "{}",
        accepted.body
    );

    // A withdrawn invitation is refused too.
    invite(&lead, &url, INVITED, "member").await;
    let withdrawn = invitation_link(&app, INVITED).await;
    let members_page = lead.get(&format!("{url}/medlemmar")).await;
    assert!(members_page.body.contains(INVITED), "{}", members_page.body);
    let marker = format!("{url}/inbjudningar/");
    let start = members_page.body.find(&marker).expect("a withdraw button") + marker.len();
    let invitation_id = &members_page.body[start..start + 36];
    let done = lead
        .submit(
            &format!("{url}/inbjudningar/{invitation_id}/dra-tillbaka"),
            &[],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let accepted = invited.submit(&withdrawn, &[]).await;
    assert_eq!(accepted.status, 409);
    assert!(
        accepted.body.contains("Inbjudan har dragits tillbaka"),
        "{}",
        accepted.body
    );

    // Before accepting, the invited person sees nothing.
    assert_eq!(invited.get(&url).await.status, 404);

    // A fresh invitation works, once, and only for the address it was sent to.
    invite(&lead, &url, INVITED, "member").await;
    let link = invitation_link(&app, INVITED).await;
    let mail = app.mail_to(INVITED).await;
    assert!(
        mail.last()
            .unwrap()
            .subject
            .contains("Nattlig tillsyn med kamera"),
        "{:?}",
        mail.last()
    );
    let wrong = outsider.submit(&link, &[]).await;
    assert_eq!(wrong.status, 403, "{}", wrong.body);
    let offer = invited.get(&link).await;
    assert_eq!(offer.status, 200, "{}", offer.body);
    assert!(offer.body.contains("Tacka ja"), "{}", offer.body);
    let accepted = invited.submit(&link, &[]).await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    assert_eq!(location(&accepted), url);
    let again = invited.submit(&link, &[]).await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("redan använd"), "{}", again.body);

    // The member sees it in pages, the API and search.
    app.indexed().await;
    let page = invited.get(&url).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Nattlig tillsyn med kamera"));
    assert_eq!(invited.get(&format!("{url}/medlemmar")).await.status, 200);
    assert_eq!(invited.get(&format!("{url}/tidslinje")).await.status, 200);
    let (status, listed) = invited.get_json("/api/v1/procurements").await;
    assert_eq!(status, 200);
    assert_eq!(listed["total"], 1, "{listed}");
    let (status, _) = invited
        .send_json("GET", &format!("/api/v1/procurements/{id}"), &json!({}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        found(&app, Some(&invited), "nattlig").await,
        vec!["Nattlig tillsyn med kamera".to_owned()]
    );
    assert!(suggested(&app, Some(&invited), "nattlig").await);
    // A member changes nothing: only leads do.
    let (status, _) = invited
        .send_json(
            "PUT",
            &format!("/api/v1/procurements/{id}"),
            &json!({"title": "Kapad", "officer": ""}),
        )
        .await;
    assert_eq!(status, 403);

    // Outside: another organisation, a colleague of the lead who was not invited, node staff
    // who were not invited, and anonymous visitors get 404 and find nothing.
    for who in [&outsider, &colleague, &staff] {
        assert_eq!(who.get(&url).await.status, 404, "{}", who.email);
        assert_eq!(who.get(&format!("{url}/medlemmar")).await.status, 404);
        assert_eq!(who.get(&format!("{url}/tidslinje")).await.status, 404);
        let (status, _) = who.get_json(&format!("/api/v1/procurements/{id}")).await;
        assert_eq!(status, 404, "{}", who.email);
        let (_, listed) = who.get_json("/api/v1/procurements").await;
        assert_eq!(listed["total"], 0, "{}: {listed}", who.email);
        assert!(
            found(&app, Some(who), "nattlig").await.is_empty(),
            "{}",
            who.email
        );
        assert!(
            !suggested(&app, Some(who), "nattlig").await,
            "{}",
            who.email
        );
        let (status, _) = who
            .send_json(
                "PUT",
                &format!("/api/v1/procurements/{id}"),
                &json!({"title": "Kapad"}),
            )
            .await;
        assert_eq!(status, 404, "{}", who.email);
    }
    let (status, _, _) = app.get(&url).await;
    assert_eq!(status, 404);
    let (status, _) = app.get_json(&format!("/api/v1/procurements/{id}")).await;
    assert_eq!(status, 404);
    let (_, listed) = app.get_json("/api/v1/procurements").await;
    assert_eq!(listed["total"], 0);
    assert!(found(&app, None, "nattlig").await.is_empty());
    assert!(!suggested(&app, None, "nattlig").await);
    // Node staff cannot slip in through the workspace administration either.
    let workspace = app
        .state
        .catalog
        .get()
        .workspaces
        .iter()
        .find(|w| w.name.contains("Nattlig"))
        .expect("the procurement's workspace")
        .slug
        .clone();
    let slipped = noden_portal::workspaces::add_person(
        &app.state,
        &By::command("test"),
        &workspace,
        staff.user_id,
    )
    .await;
    assert!(slipped.is_err(), "{slipped:?}");

    // Removing the member shuts them out at once: pages, API and search.
    let removed = lead
        .submit(&format!("{url}/medlemmar/{}/ta-bort", invited.user_id), &[])
        .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    assert_eq!(invited.get(&url).await.status, 404);
    let (status, _) = invited
        .send_json("GET", &format!("/api/v1/procurements/{id}"), &json!({}))
        .await;
    assert_eq!(status, 404);
    let (_, listed) = invited.get_json("/api/v1/procurements").await;
    assert_eq!(listed["total"], 0);
    assert!(found(&app, Some(&invited), "nattlig").await.is_empty());
    assert!(!suggested(&app, Some(&invited), "nattlig").await);
    // The last lead cannot be removed.
    let last = lead
        .submit(&format!("{url}/medlemmar/{}/ta-bort", lead.user_id), &[])
        .await;
    assert_eq!(last.status, 409, "{}", last.body);
    assert_eq!(lead.get(&url).await.status, 200);
}

async fn an_overdue_milestone_is_flagged_and_mailed_to_the_leads_once(backend: Backend) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap());
    // Mail is delivered when the test reads it, never by a runner still sending when the
    // clock jumps (its claim would lapse and the message go twice).
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock.clone())
        .start()
        .await;
    register_domain(&app, "0482", "arboga.se").await;
    let lead = app.with_user_at(LEAD, Role::Coordinator, "0480").await;
    let member = app.with_user_at(INVITED, Role::Member, "0482").await;
    let (status, made) = lead
        .send_json(
            "POST",
            "/api/v1/procurements",
            &json!({"title": "Digitala lås", "officer": "Olle", "phase": "marknadsdialog"}),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let url = made["url"].as_str().unwrap().to_owned();
    assert_eq!(made["phase"], "marknadsdialog");
    assert_eq!(made["milestones"].as_array().unwrap().len(), 8);
    // A member joins, so the mail is seen to go to the leads only.
    lead.submit(
        &format!("{url}/organisationer"),
        &[("organisation", "0482"), ("role", "participant")],
    )
    .await;
    invite(&lead, &url, INVITED, "member").await;
    let link = invitation_link(&app, INVITED).await;
    assert_eq!(member.submit(&link, &[]).await.status, 303);

    // A date that is not a date is shown at its field, with what was typed.
    let page = lead.get(&format!("{url}/tidslinje")).await;
    assert!(
        page.body.contains("<ol class=\"timeline\">"),
        "{}",
        page.body
    );
    let bad = lead
        .submit(
            &format!("{url}/tidslinje"),
            &[("planned_annonsering", "första april")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(
        bad.body.contains("id=\"planned_annonsering-error\""),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"första april\""), "{}", bad.body);

    // Förfrågningsunderlag is planned for 15 March; annonsering for 1 May.
    let saved = lead
        .submit(
            &format!("{url}/tidslinje"),
            &[
                ("planned_forfragningsunderlag", "2027-03-15"),
                ("planned_annonsering", "2027-05-01"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        noden_portal::procurement::remind_overdue(&app.state)
            .await
            .unwrap(),
        0
    );
    let page = lead.get(&url).await;
    assert!(!page.body.contains("Försenade milstolpar"), "{}", page.body);

    // On 20 March it is overdue: flagged on the page, mailed to the lead once.
    clock.advance(Duration::days(19));
    let lead = app.with_user_at(LEAD, Role::Coordinator, "0480").await;
    let member = app.with_user_at(INVITED, Role::Member, "0482").await;
    let page = member.get(&url).await;
    assert!(page.body.contains("Försenade milstolpar"), "{}", page.body);
    assert!(page.body.contains("15 mars 2027"), "{}", page.body);
    let timeline = member.get(&format!("{url}/tidslinje")).await;
    assert!(timeline.body.contains("Försenad"), "{}", timeline.body);
    assert_eq!(
        noden_portal::procurement::remind_overdue(&app.state)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        noden_portal::procurement::remind_overdue(&app.state)
            .await
            .unwrap(),
        0
    );
    clock.advance(Duration::hours(1));
    assert_eq!(
        noden_portal::procurement::remind_overdue(&app.state)
            .await
            .unwrap(),
        0
    );
    let told = app.mail_to(LEAD).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].subject.contains("Försenad milstolpe"),
        "{}",
        told[0].subject
    );
    assert!(
        told[0].subject.contains("Förfrågningsunderlag"),
        "{}",
        told[0].subject
    );
    assert!(
        told[0].text.contains(&format!("{url}/tidslinje")),
        "{}",
        told[0].text
    );
    let to_member = app.mail_to(INVITED).await;
    assert!(
        to_member.iter().all(|m| !m.subject.contains("Försenad")),
        "{to_member:?}"
    );

    // Reaching the phase clears the flag.
    let (status, moved) = lead
        .send_json(
            "PUT",
            &made["id"]
                .as_str()
                .map(|id| format!("/api/v1/procurements/{id}"))
                .unwrap(),
            &json!({"title": "Digitala lås", "officer": "Olle", "phase": "forfragningsunderlag"}),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert!(
        moved["milestones"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["overdue"] == false)
    );
    let page = lead.get(&url).await;
    assert!(!page.body.contains("Försenade milstolpar"), "{}", page.body);
}

async fn only_coordinators_and_node_staff_start_procurements_and_forms_keep_what_was_typed(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let member = app.with_user(Role::Member, "0482").await;
    let coordinator = app.with_user(Role::Coordinator, "0482").await;
    let (status, _) = member
        .send_json("POST", "/api/v1/procurements", &json!({"title": "Larm"}))
        .await;
    assert_eq!(status, 403);
    assert_eq!(member.get("/upphandlingar/ny").await.status, 403);
    // A coordinator starts one for their own organisation only.
    let (status, _) = coordinator
        .send_json(
            "POST",
            "/api/v1/procurements",
            &json!({"title": "Larm", "lead_organisation": "0480"}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/procurements",
            &json!({"title": "Larm"}),
            false,
        )
        .await;
    assert_eq!(status, 401, "{body}");
    // Errors stand at their fields, in Swedish, with what was typed kept.
    let refused = coordinator
        .submit(
            "/upphandlingar/ny",
            &[
                ("title", " "),
                ("description", "Brukare 19121212-1212 behöver larm."),
                ("officer", "Olle"),
                ("phase", "behovsanalys"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"title-error\""),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("id=\"description-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"Olle\""), "{}", refused.body);
    let (status, body) = coordinator
        .send_json(
            "POST",
            "/api/v1/procurements",
            &json!({"title": "Larm", "phase": "upphandlad"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "phase", "{body}");
    // The list is for signed-in members; a visitor sees an empty list and a sign-in link.
    let (status, _, body) = app.get("/upphandlingar").await;
    assert_eq!(status, 200);
    assert!(body.contains("0 upphandlingar"), "{body}");
}

async fn organisations_members_and_milestones_are_kept_over_the_api_as_on_the_pages(
    backend: Backend,
) {
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .start()
        .await;
    register_domain(&app, "0480", "kungsor.se").await;
    register_domain(&app, "0482", "arboga.se").await;
    let lead = app.with_user_at(LEAD, Role::Coordinator, "0480").await;
    let (status, started) = lead
        .send_json(
            "POST",
            "/api/v1/procurements",
            &json!({"title": "Gemensamma trygghetslarm", "officer": "Olle"}),
        )
        .await;
    assert_eq!(status, 201, "{started}");
    let id = started["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/procurements/{id}");

    // An organisation joins; an unknown one is refused at its field.
    let (status, shown) = lead
        .send_json(
            "POST",
            &format!("{base}/organisations"),
            &json!({"organisation": "0482", "role": "participant"}),
        )
        .await;
    assert_eq!(status, 200, "{shown}");
    assert!(
        shown["organisations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["organisation"]["code"] == "0482"),
        "{shown}"
    );
    let (status, refused) = lead
        .send_json(
            "POST",
            &format!("{base}/organisations"),
            &json!({"organisation": "9999", "role": "participant"}),
        )
        .await;
    assert_eq!(status, 422, "{refused}");

    // An invitation goes by e-mail, never in the answer; accepting it makes a member, whom
    // the lead then removes, and who opens nothing from then on.
    let (status, answer) = lead
        .send_json(
            "POST",
            &format!("{base}/invitations"),
            &json!({"email": INVITED, "role": "member"}),
        )
        .await;
    assert_eq!(status, 202, "{answer}");
    assert!(!answer.to_string().contains("/upphandlingar/inbjudan/"));
    let link = invitation_link(&app, INVITED).await;
    let invited = app.with_user_at(INVITED, Role::Member, "0482").await;
    let accepted = invited.submit(&link, &[]).await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    let (status, _) = invited.get_json(&base).await;
    assert_eq!(status, 200);
    let (_, shown) = lead.get_json(&base).await;
    let member = shown["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["role"] == "member")
        .unwrap_or_else(|| panic!("the invited member in {shown}"));
    let user = member["user_id"].as_str().unwrap();
    // A member removes no one; the lead does.
    let (status, _) = invited
        .send_json("DELETE", &format!("{base}/members/{user}"), &json!({}))
        .await;
    assert_eq!(status, 403);
    let (status, _) = lead
        .send_json("DELETE", &format!("{base}/members/{user}"), &json!({}))
        .await;
    assert_eq!(status, 204);
    let (status, _) = invited.get_json(&base).await;
    assert_eq!(status, 404, "removed members open nothing");

    // Milestones: the phases sent get their dates; a phase sent twice is refused.
    let (status, shown) = lead
        .send_json(
            "PUT",
            &format!("{base}/milestones"),
            &json!([{"phase": "annonsering", "planned_on": "2027-05-04"}]),
        )
        .await;
    assert_eq!(status, 200, "{shown}");
    let annonsering = shown["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["phase"] == "annonsering")
        .unwrap();
    assert_eq!(annonsering["planned_on"], "2027-05-04");
    let page = lead
        .get(&format!("{}/tidslinje", shown["url"].as_str().unwrap()))
        .await;
    assert!(page.body.contains("4 maj 2027"), "{}", page.body);
    let (status, refused) = lead
        .send_json(
            "PUT",
            &format!("{base}/milestones"),
            &json!([{"phase": "avtal"}, {"phase": "avtal"}]),
        )
        .await;
    assert_eq!(status, 422, "{refused}");

    // Removing the organisation that took part.
    let (status, shown) = lead
        .send_json("DELETE", &format!("{base}/organisations/0482"), &json!({}))
        .await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["organisations"].as_array().unwrap().len(), 1);
}

/// The leak test of a procurement: an outsider (a member of an organisation that does not
/// take part) and an anonymous visitor cannot see, find, count, download or be mailed anything
/// inside it; not before it is advertised and not after, when its public facts are open.
async fn nothing_inside_a_procurement_reaches_an_outsider_or_a_visitor(backend: Backend) {
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .start()
        .await;
    register_domain(&app, "0480", "kungsor.se").await;
    register_domain(&app, "0482", "arboga.se").await;
    register_domain(&app, "0484", "eskilstuna.se").await;
    let lead = app.with_user_at(LEAD, Role::Coordinator, "0480").await;
    let outsider = app
        .with_user_at("eva@eskilstuna.se", Role::Coordinator, "0484")
        .await;
    let (status, started) = lead
        .send_json(
            "POST",
            "/api/v1/procurements",
            &json!({"title": "Gemensamma sängsensorer", "officer": "Olle",
                    "description": "Två kommuner upphandlar sensorer."}),
        )
        .await;
    assert_eq!(status, 201, "{started}");
    let id = started["id"].as_str().unwrap().to_owned();
    let url = started["url"].as_str().unwrap().to_owned();
    let api = format!("/api/v1/procurements/{id}");
    let (status, _) = lead
        .send_json(
            "POST",
            &format!("{api}/organisations"),
            &json!({"organisation": "0482", "role": "participant"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(invite(&lead, &url, INVITED, "member").await.status, 303);
    let link = invitation_link(&app, INVITED).await;
    let member = app.with_user_at(INVITED, Role::Member, "0482").await;
    assert_eq!(member.submit(&link, &[]).await.status, 303);

    // Inside: a requirement, a document with a file, a question, a decision, a contract party
    // and the reference group, each saying "kvasarnatt".
    let mut inside = Vec::new();
    for (tail, body) in [
        (
            "requirements",
            json!({"title": "Kvasarnatt-krav", "kind": "ska", "text": "Sensorn klarar kvasarnatt."}),
        ),
        (
            "documents",
            json!({"title": "Kvasarnatt-specifikation", "document_type": "kravspecifikation",
                    "body": "Om kvasarnatt."}),
        ),
        (
            "questions",
            json!({"title": "Kvasarnatt-fråga", "text": "Hur går det med kvasarnatt?"}),
        ),
        (
            "decisions",
            json!({"decision": "Vi väljer kvasarnatt.", "rationale": "Kvasarnatt är bäst.",
                    "decided_by": "Styrgruppen"}),
        ),
        (
            "parties",
            json!({"organisation": "0482", "role": "ordinary", "estimated_sek": 100,
                    "maximum_sek": 1000, "quantity": "Kvasarnatt-sensorer"}),
        ),
        (
            "reference-group",
            json!({"representation": "medarbetare", "description": "Kvasarnatt-personal"}),
        ),
    ] {
        let (status, made) = lead
            .send_json("POST", &format!("{api}/{tail}"), &body)
            .await;
        assert!(status == 201 || status == 200, "{tail}: {status} {made}");
        inside.push((tail, made));
    }
    let document = inside[1].1["id"].as_str().unwrap().to_owned();
    let (status, file) = crate::attachments::upload(
        &app,
        &lead,
        &format!("/api/v1/procurement-documents/{document}"),
        &[],
        "Kvasarnatt.pdf",
        &crate::attachments::pdf("Kvasarnatt"),
    )
    .await;
    assert_eq!(status, 201, "{file}");
    let file_href = file["href"].as_str().unwrap().to_owned();
    let question = inside[2].1["id"].as_str().unwrap().to_owned();
    app.indexed().await;

    // The member finds all of it; the lead's question was mailed to the member only.
    let mine = found(&app, Some(&member), "kvasarnatt").await;
    assert!(mine.len() >= 5, "{mine:?}");
    assert!(app.mail_to("eva@eskilstuna.se").await.is_empty());

    let pages = [
        url.clone(),
        format!("{url}/krav"),
        format!("{url}/krav.csv"),
        format!("{url}/krav/utskrift"),
        format!("{url}/dokument"),
        format!("{url}/dokument/{document}"),
        format!("{url}/fragor"),
        format!("{url}/fragor/{question}"),
        format!("{url}/beslut"),
        format!("{url}/avtalsparter"),
        format!("{url}/referensgrupp"),
        format!("{url}/medlemmar"),
        format!("{url}/tidslinje"),
    ];
    let apis = [
        api.clone(),
        format!("{api}/requirements"),
        format!("{api}/documents"),
        format!("{api}/documents/{document}"),
        format!("{api}/questions"),
        format!("{api}/questions/{question}"),
        format!("{api}/decisions"),
        format!("{api}/parties"),
        format!("{api}/calloffs"),
        format!("{api}/reference-group"),
        format!("{api}/reference-meetings"),
        format!("{api}/ocds"),
        format!("/api/v1/procurement-documents/{document}/attachments"),
    ];
    let shut_out = |advertised: bool| {
        let app = &app;
        let outsider = &outsider;
        let pages = pages.clone();
        let apis = apis.clone();
        let file_href = file_href.clone();
        async move {
            for who in [Some(outsider), None] {
                let name = who.map_or("a visitor", |w| w.email.as_str());
                // Not found by search, suggestions or facet counts.
                assert!(
                    found(app, who, "kvasarnatt").await.is_empty(),
                    "{name} found it"
                );
                let path = "/api/v1/search?q=kvasarnatt";
                let (_, result) = match who {
                    Some(w) => w.get_json(path).await,
                    None => app.get_json(path).await,
                };
                assert_eq!(result["total"], 0, "{name}: {result}");
                assert_eq!(result["facets"]["phase"], json!([]), "{name}: {result}");
                let (_, suggestions) = match who {
                    Some(w) => w.get_json("/api/v1/suggest?q=kvasarn").await,
                    None => app.get_json("/api/v1/suggest?q=kvasarn").await,
                };
                assert_eq!(suggestions, json!([]), "{name}");
                // Not counted in the list (until advertised, when its public facts are).
                let (_, listed) = match who {
                    Some(w) => w.get_json("/api/v1/procurements").await,
                    None => app.get_json("/api/v1/procurements").await,
                };
                assert_eq!(listed["total"], u64::from(advertised), "{name}: {listed}");
                assert!(
                    !listed.to_string().contains("vasarnatt"),
                    "{name}: {listed}"
                );
                // Not opened, read or downloaded.
                for path in pages.iter().skip(usize::from(advertised)).chain(&apis) {
                    if advertised && path.ends_with("/ocds") {
                        continue;
                    }
                    let status = match who {
                        Some(w) => w.get(path).await.status,
                        None => app.get(path).await.0,
                    };
                    assert!(status == 404 || status == 401, "{name}: {path} {status}");
                }
                let status = match who {
                    Some(w) => w.get(&file_href).await.status,
                    None => app.get(&file_href).await.0,
                };
                assert_eq!(status, 404, "{name}: the file");
                if advertised {
                    let page = match who {
                        Some(w) => w.get(&pages[0]).await.body,
                        None => app.get(&pages[0]).await.2,
                    };
                    assert!(page.contains("Gemensamma sängsensorer"));
                    assert!(!page.contains("vasarnatt"), "{name}: {page}");
                }
            }
        }
    };
    shut_out(false).await;

    // A reply is mailed to the lead who asked, never outside.
    let before = app.mail_to(LEAD).await.len();
    let (status, _) = member
        .send_json(
            "POST",
            &format!("{api}/questions/{question}/replies"),
            &json!({"text": "Kvasarnatt fungerar."}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(app.mail_to(LEAD).await.len(), before + 1);
    assert!(app.mail_to("eva@eskilstuna.se").await.is_empty());

    // Advertised: the public facts open, nothing inside does; what is inside now carries
    // the new phase for its members.
    let (status, moved) = lead
        .send_json(
            "PUT",
            &api,
            &json!({"title": "Gemensamma sängsensorer", "officer": "Olle",
                    "description": "Två kommuner upphandlar sensorer.", "phase": "annonsering"}),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    app.indexed().await;
    shut_out(true).await;
    let (_, result) = member
        .get_json("/api/v1/search?q=kvasarnatt&kind=upphandling")
        .await;
    assert_eq!(
        facet_values(&result, "phase"),
        vec!["annonsering".to_owned()],
        "{result}"
    );
}

/// Point 9, on the demo procurement (signed, with its award): its lead publishes a summary as
/// a report, which node staff publish after review and anyone then finds; the technology's
/// catalogue page shows the agreement and its parties.
async fn a_signed_agreement_becomes_a_public_report_and_its_technology_shows_the_contract(
    backend: Backend,
) {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let app = TestApp::builder(backend)
        .content(content)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .start()
        .await;
    let lead = app
        .with_user_at("upphandling@koping.se", Role::Member, "1983")
        .await;
    let member = app
        .with_user_at("valfardsteknik@kungsor.se", Role::Member, "1960")
        .await;
    let outsider = app.with_user(Role::Coordinator, "0484").await;
    let (_, listed) = lead.get_json("/api/v1/procurements").await;
    let url = listed["procurements"][0]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = listed["procurements"][0]["id"].as_str().unwrap().to_owned();
    let summary = format!("{url}/sammanfattning");

    // The technology's page shows the agreement, Surahammar as a later party.
    let (_, _, entry) = app.get("/teknik").await;
    let start = entry
        .find("/teknik/digital-nattillsyn")
        .expect("the entry's link");
    let end = entry[start..].find('"').unwrap() + start;
    let (_, _, technology) = app.get(&entry[start..end]).await;
    assert!(technology.contains("Gemensam upphandling av digital nattillsyn"));
    assert!(technology.contains("Demoleverantören AB"));
    assert!(
        technology.contains("Surahammars kommun (kan avropa från 1 september 2028)"),
        "{technology}"
    );

    // Only its leads publish; outside it is not there at all.
    assert_eq!(lead.get(&summary).await.status, 200);
    assert_eq!(member.get(&summary).await.status, 403);
    assert_eq!(outsider.get(&summary).await.status, 404);
    let (status, _) = member
        .send_json(
            "POST",
            &format!("/api/v1/procurements/{id}/summary"),
            &json!({"lessons": "Vi lärde oss mycket."}),
        )
        .await;
    assert_eq!(status, 403);
    // A personnummer in the lessons is refused next to the field, what was typed kept.
    let refused = lead
        .submit(&summary, &[("lessons", "Fråga brukaren 19121212-1212.")])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"lessons-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Fråga brukaren"), "{}", refused.body);

    let published = lead
        .submit(
            &summary,
            &[(
                "lessons",
                "Marknadsdialogen gav oss **kvastfenande** krav på larm till mobilerna.",
            )],
        )
        .await;
    assert_eq!(published.status, 303, "{}", published.body);
    let report = location(&published);
    assert!(report.starts_with("/rapporter/"), "{report}");
    // Waiting for review: not public yet.
    app.indexed().await;
    assert_eq!(app.search("q=kvastfenande").await["total"], 0);
    let report_id = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let slug = report.trim_start_matches("/rapporter/").to_owned();
        noden_portal::reports::entity::Entity::find()
            .filter(noden_portal::reports::entity::Column::Slug.eq(slug))
            .one(&app.state.db)
            .await
            .unwrap()
            .expect("the summary report")
            .id
    };
    let (status, answer) = app
        .send_json(
            "POST",
            &format!("/api/v1/reports/{report_id}/review"),
            &json!({"decision": "publish"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    app.indexed().await;
    let found = app.search("q=kvastfenande").await;
    assert_eq!(found["total"], 1, "{found}");
    let (_, _, page) = app.get(&report).await;
    for words in [
        "Upphandling: Gemensam upphandling av digital nattillsyn",
        "Tillsyn utan att väcka brukaren",
        "Bör-krav, 60 %",
        "Surahammars kommun",
        "Demoleverantören AB",
    ] {
        assert!(page.contains(words), "{words}: {page}");
    }
    assert!(
        !page.contains("upphandling@koping.se"),
        "no member is named"
    );
}
