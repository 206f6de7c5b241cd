//! The contract parties register of a joint procurement, issue 14 point 7 (the demo story's
//! Kungsör, Arboga, Köping and Surahammar played by the fixtures' Nyköping, Flen, Katrineholm
//! and Vingåker): the lead and two others are parties from the start, one may call off later; at
//! annonsering the register freezes (a late party is refused, saying why); after the award
//! Arboga calls off twice, crossing 80 % of its maximum (the page warns, the lead gets one
//! mail), and a call-off past the maximum is refused. Outsiders and visitors get 404.
//!
//! Point 10: once advertised, a procurement's public facts are everyone's (list, page,
//! search) and its OCDS 1.1 export is a valid release package: the required fields and the
//! codelist values below are those of the published 1.1 schema (`release-package-schema.json`,
//! `release-schema.json` and `codelists/*.csv` on the standard's 1.1 branch).

use chrono::{TimeZone, Utc};
use noden_portal::audit::By;
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use serde_json::{Value, json};

use crate::harness::{Backend, SignedIn, TestApp, on_both_backends};

on_both_backends!(
    parties_freeze_at_annonsering_and_call_offs_stop_at_the_maximum,
    an_advertised_procurement_is_open_data_and_its_public_facts_are_everyones,
);

const LEAD: &str = "lena@kungsor.se";
const MEMBER: &str = "anders@arboga.se";
const KUNGSOR: &str = "0480";
const ARBOGA: &str = "0482";
const KOPING: &str = "0483";
const SURAHAMMAR: &str = "0428";
const ESKILSTUNA: &str = "0484";

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

/// The invitation link in the newest mail to `to`.
async fn invitation_link(app: &TestApp, to: &str) -> String {
    let mail = app.mail_to(to).await;
    let text = &mail.last().expect("an invitation").text;
    let start = text.find("/upphandlingar/inbjudan/").expect("a link");
    let end = text[start..]
        .find(char::is_whitespace)
        .map_or(text.len(), |e| start + e);
    text[start..end].to_owned()
}

/// Moves the procurement to `phase` through the API, as its lead.
async fn move_to(lead: &SignedIn, id: &str, phase: &str) {
    let (status, body) = lead
        .send_json(
            "PUT",
            &format!("/api/v1/procurements/{id}"),
            &json!({"title": "Nattlig tillsyn med kamera", "officer": "Olle", "phase": phase}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

/// The procurement hits' titles for `words`, searched by `who`.
async fn found(who: &SignedIn, words: &str) -> Vec<String> {
    let (status, body): (u16, Value) = who
        .get_json(&format!("/api/v1/search?q={words}&kind=upphandling"))
        .await;
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

fn field_of(problem: &Value) -> String {
    problem["errors"][0]["field"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn parties_freeze_at_annonsering_and_call_offs_stop_at_the_maximum(backend: Backend) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap());
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock.clone())
        .start()
        .await;
    register_domain(&app, KUNGSOR, "kungsor.se").await;
    register_domain(&app, ARBOGA, "arboga.se").await;
    let lead = app.with_user_at(LEAD, Role::Coordinator, KUNGSOR).await;
    let member = app.with_user_at(MEMBER, Role::Member, ARBOGA).await;
    let outsider = app
        .with_user_at("eva@eskilstuna.se", Role::Coordinator, ESKILSTUNA)
        .await;
    let (status, made) = lead
        .send_json(
            "POST",
            "/api/v1/procurements",
            &json!({"title": "Nattlig tillsyn med kamera", "officer": "Olle",
                    "phase": "forfragningsunderlag"}),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().unwrap().to_owned();
    let url = made["url"].as_str().unwrap().to_owned();
    let parties_url = format!("{url}/avtalsparter");
    let api = format!("/api/v1/procurements/{id}/parties");
    let added = lead
        .submit(
            &format!("{url}/organisationer"),
            &[("organisation", ARBOGA), ("role", "participant")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let invited = lead
        .submit(
            &format!("{url}/inbjudningar"),
            &[("email", MEMBER), ("standing", "member")],
        )
        .await;
    assert_eq!(invited.status, 303, "{}", invited.body);
    let link = invitation_link(&app, MEMBER).await;
    assert_eq!(member.submit(&link, &[]).await.status, 303);

    // The lead names the parties: Kungsör and Arboga from the page, Köping and (as a party
    // that may call off later) Surahammar through the API.
    let page = lead.get(&parties_url).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Inga avtalsparter"), "{}", page.body);
    assert!(page.body.contains("Spara avtalsparten"), "{}", page.body);
    for (code, estimated, maximum, quantity) in [
        (KUNGSOR, "800 000", "1 000 000", "120 kameror"),
        (ARBOGA, "400000", "500000", "60 kameror"),
    ] {
        let saved = lead
            .submit(
                &parties_url,
                &[
                    ("organisation", code),
                    ("role", "ordinary"),
                    ("from_on", ""),
                    ("estimated_sek", estimated),
                    ("maximum_sek", maximum),
                    ("quantity", quantity),
                ],
            )
            .await;
        assert_eq!(saved.status, 303, "{}", saved.body);
    }
    let (status, register) = lead
        .send_json(
            "POST",
            &api,
            &json!({"organisation": KOPING, "role": "ordinary", "estimated_sek": 300000,
                    "maximum_sek": 400000}),
        )
        .await;
    assert_eq!(status, 201, "{register}");
    // A later party needs its date; an estimate above the maximum is refused at its field.
    let (status, problem) = lead
        .send_json(
            "POST",
            &api,
            &json!({"organisation": SURAHAMMAR, "role": "later", "estimated_sek": 100000,
                    "maximum_sek": 300000}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(field_of(&problem), "from_on", "{problem}");
    let (status, problem) = lead
        .send_json(
            "POST",
            &api,
            &json!({"organisation": SURAHAMMAR, "role": "later", "from_on": "2029-01-01",
                    "estimated_sek": 400000, "maximum_sek": 300000}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(field_of(&problem), "estimated_sek", "{problem}");
    let (status, register) = lead
        .send_json(
            "POST",
            &api,
            &json!({"organisation": SURAHAMMAR, "role": "later", "from_on": "2029-01-01",
                    "estimated_sek": 200000, "maximum_sek": 300000,
                    "quantity": "40 kameror"}),
        )
        .await;
    assert_eq!(status, 201, "{register}");
    assert_eq!(register["parties"].as_array().unwrap().len(), 4);
    assert_eq!(register["estimated_total_sek"], 1_700_000);
    assert_eq!(register["maximum_total_sek"], 2_200_000);
    assert_eq!(register["frozen"], false);
    // A member reads the register but does not change it.
    let (status, _) = member
        .send_json(
            "POST",
            &api,
            &json!({"organisation": ESKILSTUNA, "role": "ordinary", "estimated_sek": 1,
                    "maximum_sek": 1}),
        )
        .await;
    assert_eq!(status, 403);
    let page = member.get(&parties_url).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Vingåkers kommun"), "{}", page.body);
    assert!(page.body.contains("Kan avropa senare"), "{}", page.body);
    assert!(page.body.contains("1 januari 2029"), "{}", page.body);
    assert!(page.body.contains("Hela ramavtalet"), "{}", page.body);
    assert!(
        page.body.contains("2\u{a0}200\u{a0}000\u{a0}kr"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Spara avtalsparten"), "{}", page.body);

    // At annonsering the register is frozen: a late party is refused, at its field and
    // saying why; so is a higher maximum. A lower one is fine.
    move_to(&lead, &id, "annonsering").await;
    let late = lead
        .submit(
            &parties_url,
            &[
                ("organisation", ESKILSTUNA),
                ("role", "ordinary"),
                ("estimated_sek", "100000"),
                ("maximum_sek", "200000"),
            ],
        )
        .await;
    assert_eq!(late.status, 422, "{}", late.body);
    assert!(
        late.body.contains("id=\"organisation-error\""),
        "{}",
        late.body
    );
    assert!(
        late.body.contains("upphandlingsdokumenten"),
        "{}",
        late.body
    );
    assert!(
        late.body.contains("avtalsparterna är låsta"),
        "{}",
        late.body
    );
    let (status, problem) = lead
        .send_json(
            "POST",
            &api,
            &json!({"organisation": ESKILSTUNA, "role": "ordinary", "estimated_sek": 1,
                    "maximum_sek": 1}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(field_of(&problem), "organisation", "{problem}");
    assert!(
        problem.to_string().contains("upphandlingsdokumenten"),
        "{problem}"
    );
    let (status, problem) = lead
        .send_json(
            "PUT",
            &format!("{api}/{ARBOGA}"),
            &json!({"role": "ordinary", "estimated_sek": 400000, "maximum_sek": 600000,
                    "quantity": "60 kameror"}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(field_of(&problem), "maximum_sek", "{problem}");
    let (status, register) = lead
        .send_json(
            "PUT",
            &format!("{api}/{ARBOGA}"),
            &json!({"role": "ordinary", "estimated_sek": 400000, "maximum_sek": 450000,
                    "quantity": "60 kameror"}),
        )
        .await;
    assert_eq!(status, 200, "{register}");
    assert_eq!(register["frozen"], true);
    assert_eq!(register["maximum_total_sek"], 2_150_000);
    let page = lead.get(&parties_url).await;
    assert!(
        page.body.contains("Upphandlingen är annonserad"),
        "{}",
        page.body
    );

    // Nothing is awarded or called off before tilldelning.
    let award = format!("/api/v1/procurements/{id}/award");
    let calloffs = format!("/api/v1/procurements/{id}/calloffs");
    let (status, _) = lead
        .send_json(
            "PUT",
            &award,
            &json!({"supplier": "Tunstall Nordic AB", "awarded_on": "2027-06-01"}),
        )
        .await;
    assert_eq!(status, 409);
    let (status, _) = member
        .send_json(
            "POST",
            &calloffs,
            &json!({"organisation": ARBOGA, "called_on": "2027-07-01", "value_sek": 1000}),
        )
        .await;
    assert_eq!(status, 409);

    // The award.
    move_to(&lead, &id, "tilldelning").await;
    let (status, _) = member
        .send_json(
            "PUT",
            &award,
            &json!({"supplier": "Kapad AB", "awarded_on": "2027-06-01"}),
        )
        .await;
    assert_eq!(status, 403);
    let saved = lead
        .submit(
            &format!("{parties_url}/tilldelning"),
            &[
                ("supplier", "Tunstall Nordic AB"),
                ("awarded_on", "2027-06-01"),
                ("signed_on", "2027-06-20"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let (status, awarded) = member.get_json(&award).await;
    assert_eq!(status, 200, "{awarded}");
    assert_eq!(awarded["supplier"], "Tunstall Nordic AB");
    assert_eq!(awarded["signed_on"], "2027-06-20");

    // Arboga's member calls off twice for Arboga, not for Kungsör; the second crosses 80 % of
    // Arboga's maximum: the page warns and the lead gets one mail.
    let page = member.get(&parties_url).await;
    assert!(page.body.contains("Tunstall Nordic AB"), "{}", page.body);
    assert!(page.body.contains("Registrera avropet"), "{}", page.body);
    let first = member
        .submit(
            &format!("{parties_url}/avrop"),
            &[
                ("party", ARBOGA),
                ("called_on", "2027-07-01"),
                ("value_sek", "200000"),
                ("note", "Första leveransen, 25 kameror"),
            ],
        )
        .await;
    assert_eq!(first.status, 303, "{}", first.body);
    let (status, _) = member
        .send_json(
            "POST",
            &calloffs,
            &json!({"organisation": KUNGSOR, "called_on": "2027-07-01", "value_sek": 1000}),
        )
        .await;
    assert_eq!(status, 403);
    let page = member.get(&parties_url).await;
    assert!(
        !page.body.contains("närmar sig takbeloppet"),
        "{}",
        page.body
    );
    assert!(
        app.mail_to(LEAD)
            .await
            .iter()
            .all(|m| !m.subject.contains("takbeloppet"))
    );
    let (status, second) = member
        .send_json(
            "POST",
            &calloffs,
            &json!({"organisation": ARBOGA, "called_on": "2027-08-01", "value_sek": 170000,
                    "note": "Andra leveransen"}),
        )
        .await;
    assert_eq!(status, 201, "{second}");
    assert_eq!(second["value_sek"], 170000);
    let page = member.get(&parties_url).await;
    assert!(
        page.body.contains("Avropen närmar sig takbeloppet"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Flens kommun: 370\u{a0}000\u{a0}kr av 450\u{a0}000\u{a0}kr (82 %)"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Första leveransen, 25 kameror"),
        "{}",
        page.body
    );
    let told: Vec<_> = app
        .mail_to(LEAD)
        .await
        .into_iter()
        .filter(|m| m.subject.contains("takbeloppet"))
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].subject.contains("Nattlig tillsyn med kamera"),
        "{}",
        told[0].subject
    );
    assert!(told[0].text.contains("82 %"), "{}", told[0].text);
    assert!(told[0].text.contains(&parties_url), "{}", told[0].text);
    assert!(
        app.mail_to(MEMBER)
            .await
            .iter()
            .all(|m| !m.subject.contains("takbeloppet")),
        "a member who is no lead is not told"
    );

    // A call-off past Arboga's maximum is refused, explaining that the agreement is spent.
    let past = member
        .submit(
            &format!("{parties_url}/avrop"),
            &[
                ("party", ARBOGA),
                ("called_on", "2027-09-01"),
                ("value_sek", "100000"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(past.status, 422, "{}", past.body);
    assert!(
        past.body.contains("id=\"value_sek-error\""),
        "{}",
        past.body
    );
    assert!(past.body.contains("förbrukat"), "{}", past.body);
    assert!(past.body.contains("C-23/20"), "{}", past.body);
    assert!(past.body.contains("value=\"100000\""), "{}", past.body);
    let (status, problem) = member
        .send_json(
            "POST",
            &calloffs,
            &json!({"organisation": ARBOGA, "called_on": "2027-09-01", "value_sek": 80001}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(field_of(&problem), "value_sek", "{problem}");
    // What is left can still be called off, and tells no one again.
    let (status, _) = member
        .send_json(
            "POST",
            &calloffs,
            &json!({"organisation": ARBOGA, "called_on": "2027-09-01", "value_sek": 80000}),
        )
        .await;
    assert_eq!(status, 201);
    let told = app.mail_to(LEAD).await;
    assert_eq!(
        told.iter()
            .filter(|m| m.subject.contains("takbeloppet"))
            .count(),
        1,
        "{told:?}"
    );
    // Surahammar may call off from 2029 only.
    let (status, problem) = lead
        .send_json(
            "POST",
            &calloffs,
            &json!({"organisation": SURAHAMMAR, "called_on": "2028-01-01", "value_sek": 1000}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(field_of(&problem), "called_on", "{problem}");
    let (status, listed) = member.get_json(&calloffs).await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["total"], 3, "{listed}");
    let (_, register) = member.get_json(&api).await;
    assert_eq!(register["called_off_total_sek"], 450_000);

    // Members find the register in search; outsiders and visitors see and find nothing.
    app.indexed().await;
    assert!(
        found(&member, "kameror")
            .await
            .iter()
            .any(|t| t == "Avtalspart: Nyköpings kommun"),
        "{:?}",
        found(&member, "kameror").await
    );
    // The procurement itself is advertised, so an outsider finds its title; never its
    // register.
    let outside = found(&outsider, "kameror").await;
    assert!(
        outside
            .iter()
            .all(|t| !t.starts_with("Avtalspart") && !t.starts_with("Avrop")),
        "{outside:?}"
    );
    assert!(
        found(&member, "leveransen")
            .await
            .iter()
            .any(|t| t.starts_with("Avrop: Flens kommun")),
        "members find the call-offs"
    );
    assert!(found(&outsider, "leveransen").await.is_empty());
    assert_eq!(outsider.get(&parties_url).await.status, 404);
    for path in [&api, &calloffs, &award] {
        let (status, _) = outsider.get_json(path).await;
        assert_eq!(status, 404, "{path}");
        let (status, _) = app.get_json(path).await;
        assert_eq!(status, 404, "{path}");
    }
    let (status, _) = outsider
        .send_json(
            "POST",
            &calloffs,
            &json!({"organisation": ESKILSTUNA, "called_on": "2027-09-01", "value_sek": 1}),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _, _) = app.get(&parties_url).await;
    assert_eq!(status, 404);
}

/// The closed and open codelists of OCDS 1.1 that the export uses, as the 1.1 branch of
/// open-contracting/standard has them (schema/codelists/*.csv).
const RELEASE_TAGS: &[&str] = &[
    "planning",
    "planningUpdate",
    "tender",
    "tenderAmendment",
    "tenderUpdate",
    "tenderCancellation",
    "award",
    "awardUpdate",
    "awardCancellation",
    "contract",
    "contractUpdate",
    "contractAmendment",
    "implementation",
    "implementationUpdate",
    "contractTermination",
    "compiled",
];
const TENDER_STATUSES: &[&str] = &[
    "planning",
    "planned",
    "active",
    "cancelled",
    "unsuccessful",
    "complete",
    "withdrawn",
];
const PARTY_ROLES: &[&str] = &[
    "buyer",
    "procuringEntity",
    "supplier",
    "tenderer",
    "funder",
    "enquirer",
    "payer",
    "payee",
    "reviewBody",
    "interestedParty",
];
const MILESTONE_TYPES: &[&str] = &[
    "preProcurement",
    "approval",
    "engagement",
    "assessment",
    "delivery",
    "reporting",
    "financing",
    "payment",
];
const MILESTONE_STATUSES: &[&str] = &["scheduled", "met", "notMet", "partiallyMet"];
const AWARD_STATUSES: &[&str] = &["pending", "active", "cancelled", "unsuccessful"];
const CONTRACT_STATUSES: &[&str] = &["pending", "active", "cancelled", "terminated"];

fn has_all(value: &Value, fields: &[&str], what: &str) {
    for f in fields {
        assert!(
            value.get(*f).is_some_and(|v| !v.is_null()),
            "{what} lacks the required `{f}`: {value}"
        );
    }
}

fn in_codelist(value: &Value, list: &[&str], what: &str) {
    let code = value
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {value}"));
    assert!(
        list.contains(&code),
        "{what} `{code}` is not in its codelist"
    );
}

/// The OCDS 1.1 documentType codelist (open codelist; these are its published codes).
const DOCUMENT_TYPES: &[&str] = &[
    "plannedProcurementNotice",
    "tenderNotice",
    "awardNotice",
    "contractNotice",
    "completionCertificate",
    "procurementPlan",
    "biddingDocuments",
    "technicalSpecifications",
    "evaluationCriteria",
    "evaluationReports",
    "contractDraft",
    "contractSigned",
    "contractArrangements",
    "contractSchedule",
    "physicalProgressReport",
    "financialProgressReport",
    "finalAudit",
    "hearingNotice",
    "marketStudies",
    "eligibilityCriteria",
    "clarifications",
    "shortlistedFirms",
    "environmentalImpact",
    "assetAndLiabilityAssessment",
    "riskProvisions",
    "winningBid",
    "complaints",
    "contractAnnexe",
    "contractGuarantees",
    "subContract",
    "needsAssessment",
    "feasibilityStudy",
    "projectPlan",
    "billOfQuantity",
    "bidders",
    "conflictOfInterest",
    "debarments",
    "illustration",
    "submissionDocuments",
    "contractSummary",
    "cancellationDetails",
];

/// Checks a release package by the OCDS 1.1 schema's required fields and codelists.
pub(crate) fn check_release_package(package: &Value) {
    has_all(
        package,
        &["uri", "publisher", "publishedDate", "releases", "version"],
        "the package",
    );
    assert_eq!(package["version"], "1.1");
    has_all(&package["publisher"], &["name"], "the publisher");
    let releases = package["releases"].as_array().expect("releases");
    assert_eq!(releases.len(), 1);
    for release in releases {
        has_all(
            release,
            &["ocid", "id", "date", "tag", "initiationType"],
            "a release",
        );
        assert_eq!(release["initiationType"], "tender");
        let tags = release["tag"].as_array().expect("tags");
        assert!(!tags.is_empty());
        for tag in tags {
            in_codelist(tag, RELEASE_TAGS, "tag");
        }
        for party in release["parties"].as_array().expect("parties") {
            has_all(party, &["id", "name", "roles"], "a party");
            for role in party["roles"].as_array().unwrap() {
                in_codelist(role, PARTY_ROLES, "party role");
            }
        }
        let tender = &release["tender"];
        has_all(tender, &["id"], "the tender");
        in_codelist(&tender["status"], TENDER_STATUSES, "tender status");
        assert_eq!(tender["value"]["currency"], "SEK");
        for m in tender["milestones"]
            .as_array()
            .unwrap()
            .iter()
            .chain(release["planning"]["milestones"].as_array().unwrap())
        {
            has_all(m, &["id"], "a milestone");
            in_codelist(&m["type"], MILESTONE_TYPES, "milestone type");
            in_codelist(&m["status"], MILESTONE_STATUSES, "milestone status");
        }
        for d in tender["documents"].as_array().unwrap() {
            has_all(d, &["id"], "a document");
            in_codelist(&d["documentType"], DOCUMENT_TYPES, "document type");
        }
        for a in release["awards"].as_array().into_iter().flatten() {
            has_all(a, &["id"], "an award");
            in_codelist(&a["status"], AWARD_STATUSES, "award status");
        }
        for c in release["contracts"].as_array().into_iter().flatten() {
            has_all(c, &["id", "awardID"], "a contract");
            in_codelist(&c["status"], CONTRACT_STATUSES, "contract status");
        }
    }
}

async fn an_advertised_procurement_is_open_data_and_its_public_facts_are_everyones(
    backend: Backend,
) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap());
    let app = TestApp::builder(backend)
        .memory_mail()
        .settings(|s| s.run_jobs = false)
        .clock(clock.clone())
        .start()
        .await;
    let lead = app.with_user_at(LEAD, Role::Coordinator, KUNGSOR).await;
    let outsider = app
        .with_user_at("eva@eskilstuna.se", Role::Coordinator, ESKILSTUNA)
        .await;
    // One in preparation, one advertised, one awarded and signed.
    let mut made = Vec::new();
    for (title, phase) in [
        ("Larm i förberedelse", "behovsanalys"),
        ("Annonserade sensorer", "forfragningsunderlag"),
        ("Nattlig tillsyn med kamera", "forfragningsunderlag"),
    ] {
        let (status, body) = lead
            .send_json(
                "POST",
                "/api/v1/procurements",
                &json!({"title": title, "officer": "Olle", "phase": phase,
                        "description": format!("{title}: **fyra kommuner** tillsammans.")}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        made.push(body);
    }
    let id = |n: usize| made[n]["id"].as_str().unwrap().to_owned();
    let url = |n: usize| made[n]["url"].as_str().unwrap().to_owned();
    for n in [1, 2] {
        for (code, role, from) in [
            (KUNGSOR, "ordinary", None),
            (ARBOGA, "ordinary", None),
            (SURAHAMMAR, "later", Some("2029-01-01")),
        ] {
            let (status, body) = lead
                .send_json(
                    "POST",
                    &format!("/api/v1/procurements/{}/parties", id(n)),
                    &json!({"organisation": code, "role": role, "from_on": from,
                            "estimated_sek": 100000, "maximum_sek": 200000}),
                )
                .await;
            assert_eq!(status, 201, "{body}");
        }
    }
    let title = |n: usize| made[n]["title"].as_str().unwrap().to_owned();
    let put = |n: usize, phase: &'static str| {
        let lead = &lead;
        let (id, title) = (id(n), title(n));
        async move {
            let (status, body) = lead
                .send_json(
                    "PUT",
                    &format!("/api/v1/procurements/{id}"),
                    &json!({"title": title, "officer": "Olle", "phase": phase,
                            "description": format!("{title}: **fyra kommuner** tillsammans.")}),
                )
                .await;
            assert_eq!(status, 200, "{body}");
        }
    };
    put(1, "annonsering").await;
    put(2, "tilldelning").await;
    let (status, awarded) = lead
        .send_json(
            "PUT",
            &format!("/api/v1/procurements/{}/award", id(2)),
            &json!({"supplier": "Tunstall Nordic AB", "awarded_on": "2027-06-01",
                    "signed_on": "2027-06-20"}),
        )
        .await;
    assert_eq!(status, 200, "{awarded}");

    // Before annonsering: 404 to everyone but members, the export too.
    for path in [
        format!("/api/v1/procurements/{}/ocds", id(0)),
        format!("/api/v1/procurements/{}", id(0)),
    ] {
        assert_eq!(app.get_json(&path).await.0, 404, "{path}");
        assert_eq!(outsider.get_json(&path).await.0, 404, "{path}");
    }
    let (status, own) = lead
        .get_json(&format!("/api/v1/procurements/{}/ocds", id(0)))
        .await;
    assert_eq!(status, 200, "{own}");
    check_release_package(&own);
    assert_eq!(own["releases"][0]["tender"]["status"], "planning");
    assert_eq!(app.get(&url(0)).await.0, 404);

    // The list: a visitor and an outsider see the advertised ones with their public facts.
    for listed in [
        app.get_json("/api/v1/procurements").await.1,
        outsider.get_json("/api/v1/procurements").await.1,
    ] {
        assert_eq!(listed["total"], 2, "{listed}");
        let titles: Vec<&str> = listed["procurements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["title"].as_str().unwrap())
            .collect();
        assert!(titles.contains(&"Annonserade sensorer"), "{listed}");
        assert!(!titles.contains(&"Larm i förberedelse"), "{listed}");
        let first = &listed["procurements"][0];
        assert_eq!(first["parties"].as_array().unwrap().len(), 3, "{listed}");
        assert_eq!(first["milestones"].as_array().unwrap().len(), 8, "{listed}");
        assert!(first.get("members").is_none(), "{listed}");
    }
    let (_, mine) = lead.get_json("/api/v1/procurements").await;
    assert_eq!(mine["total"], 3, "{mine}");
    let (status, _, listing) = app.get("/upphandlingar").await;
    assert_eq!(status, 200);
    assert!(listing.contains("Annonserade sensorer"), "{listing}");
    assert!(listing.contains("Vingåkers kommun"), "{listing}");
    assert!(!listing.contains("Larm i förberedelse"), "{listing}");

    // The page of an advertised procurement shows a visitor its public facts, nothing inside.
    let (status, _, page) = app.get(&url(2)).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Nattlig tillsyn med kamera"), "{page}");
    assert!(page.contains("<strong>fyra kommuner</strong>"), "{page}");
    assert!(page.contains("Vingåkers kommun"), "{page}");
    assert!(page.contains("Tunstall Nordic AB"), "{page}");
    assert!(page.contains("offentliga uppgifter"), "{page}");
    assert!(!page.contains("/medlemmar"), "{page}");
    assert!(!page.contains("Olle"), "{page}");
    assert_eq!(app.get(&format!("{}/avtalsparter", url(2))).await.0, 404);
    assert_eq!(app.get(&format!("{}/medlemmar", url(2))).await.0, 404);
    assert_eq!(
        outsider.get(&format!("{}/tidslinje", url(2))).await.status,
        404
    );
    let outsider_page = outsider.get(&url(1)).await;
    assert_eq!(outsider_page.status, 200);
    assert!(outsider_page.body.contains("Annonserade sensorer"));
    // The member API stays the members'.
    let (status, _) = app
        .get_json(&format!("/api/v1/procurements/{}", id(2)))
        .await;
    assert_eq!(status, 404);

    // The export of the signed one, read by a visitor.
    let (status, package) = app
        .get_json(&format!("/api/v1/procurements/{}/ocds", id(2)))
        .await;
    assert_eq!(status, 200, "{package}");
    check_release_package(&package);
    let release = &package["releases"][0];
    assert_eq!(
        release["ocid"],
        format!("ocds-noden-{}", id(2)),
        "{release}"
    );
    assert_eq!(release["tag"], json!(["tender", "award", "contract"]));
    assert_eq!(release["tender"]["status"], "complete");
    assert_eq!(release["tender"]["value"]["amount"], 600_000);
    assert_eq!(release["tender"]["title"], "Nattlig tillsyn med kamera");
    assert_eq!(release["buyer"]["name"], "Nyköpings kommun");
    let parties = release["parties"].as_array().unwrap();
    let roles_of = |name: &str| -> Vec<String> {
        parties
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("no party {name}: {release}"))["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        roles_of("Nyköpings kommun"),
        vec!["procuringEntity", "buyer"]
    );
    assert_eq!(roles_of("Flens kommun"), vec!["buyer"]);
    assert_eq!(roles_of("Vingåkers kommun"), vec!["buyer"]);
    assert_eq!(roles_of("Tunstall Nordic AB"), vec!["supplier"]);
    assert_eq!(
        release["awards"][0]["suppliers"][0]["name"],
        "Tunstall Nordic AB"
    );
    assert_eq!(
        release["contracts"][0]["awardID"],
        release["awards"][0]["id"]
    );
    assert_eq!(
        release["tender"]["documents"].as_array().unwrap().len(),
        0,
        "only public documents are listed"
    );
    // The advertised one: tender only.
    let (status, package) = outsider
        .get_json(&format!("/api/v1/procurements/{}/ocds", id(1)))
        .await;
    assert_eq!(status, 200, "{package}");
    check_release_package(&package);
    assert_eq!(package["releases"][0]["tag"], json!(["tender"]));
    assert_eq!(package["releases"][0]["tender"]["status"], "active");

    // Search: a visitor finds the advertised ones by their facts, not the one in preparation.
    app.indexed().await;
    let hits = app.search("q=fyra%20kommuner&kind=upphandling").await;
    let titles: Vec<&str> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["title"].as_str())
        .collect();
    assert!(titles.contains(&"Annonserade sensorer"), "{hits}");
    assert!(titles.contains(&"Nattlig tillsyn med kamera"), "{hits}");
    assert!(!titles.contains(&"Larm i förberedelse"), "{hits}");
}
