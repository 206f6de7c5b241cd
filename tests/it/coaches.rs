//! The technology-coach network, issue 15 point 1: coordinators appoint the coaches of their
//! own organisation and node staff anyone's; the directory filters by county, organisation,
//! category and technology, counted and paged in the database; visitors never see how to
//! reach a coach; a coach edits their own profile; a personnummer is refused next to the
//! field; the overview counts the active coaches and their hours.

use noden_portal::auth::{Actor, Role};
use noden_portal::notifications::TopicKind;
use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    a_coordinator_appoints_in_their_own_organisation_and_node_staff_in_any,
    the_directory_filters_by_organisation_category_and_technology_and_pages,
    a_visitor_sees_no_contact_details_in_page_or_api,
    the_coach_edits_their_profile_and_a_personnummer_is_refused_next_to_the_field,
    the_overview_shows_the_active_coaches_and_their_hours,
);

/// A catalogue entry made by node staff; its slug.
async fn technology(app: &TestApp, name: &str) -> String {
    let (status, made) = app
        .send_json(
            "POST",
            "/api/v1/technologies",
            &json!({"name": name, "proximity": "brukarnara"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{made}");
    made["slug"].as_str().unwrap().to_owned()
}

/// A user of organisation `code` who has never signed in; their id.
async fn user_in(app: &TestApp, email: &str, code: &str) -> uuid::Uuid {
    let txn = noden_portal::db::begin_write(&app.state.db).await.unwrap();
    let user = noden_portal::auth::users::for_confirmed_email(
        txn.txn(),
        app.state.clock.now(),
        email,
        app.organisation(code).id,
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    user.id
}

async fn role_of(app: &TestApp, email: &str) -> String {
    noden_portal::auth::users::by_email(&app.state.db, email)
        .await
        .unwrap()
        .expect("the user")
        .role
}

/// Node staff appoint (the admin token); the new profile.
async fn appointed(app: &TestApp, body: Value) -> Value {
    let (status, made) = app.send_json("POST", "/api/v1/coaches", &body, true).await;
    assert_eq!(status, 201, "{made}");
    made
}

async fn a_coordinator_appoints_in_their_own_organisation_and_node_staff_in_any(backend: Backend) {
    let app = TestApp::new(backend).await;
    let camera = technology(&app, "Nattkamera").await;
    let coordinator = app.with_user(Role::Coordinator, "0483").await;
    let member = app.with_user(Role::Member, "0483").await;
    user_in(&app, "anna@katrineholm.se", "0483").await;
    user_in(&app, "bo@katrineholm.se", "0483").await;
    user_in(&app, "cia@eskilstuna.se", "0484").await;

    // The coordinator appoints a member of their own organisation through the API.
    let (status, made) = coordinator
        .send_json(
            "POST",
            "/api/v1/coaches",
            &json!({"user_email": "anna@katrineholm.se", "workplace": "Hemtjänsten Norr",
                    "hours_per_year": 600, "categories": ["digital-tillsyn"],
                    "technologies": [camera]}),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["organisation"]["code"], "0483");
    assert_eq!(made["hours_per_year"], 600);
    assert_eq!(made["technologies"][0]["slug"], camera.as_str());
    assert_eq!(role_of(&app, "anna@katrineholm.se").await, "coach");
    let anna = made["id"].as_str().unwrap().to_owned();

    // ... and through the form.
    let page = coordinator.get("/teknikcoacher/utse").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("bo@katrineholm.se"), "offered to pick");
    let sent = coordinator
        .submit(
            "/teknikcoacher/utse",
            &[
                ("user_email", "bo@katrineholm.se"),
                ("workplace", "Hemtjänsten Söder"),
                ("hours_per_year", "300"),
                ("categories", "trygghetslarm"),
                ("categories", "lakemedelsautomater"),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(role_of(&app, "bo@katrineholm.se").await, "coach");

    // Not a user of another organisation, by API or form; a plain member appoints no one.
    let (status, refused) = coordinator
        .send_json(
            "POST",
            "/api/v1/coaches",
            &json!({"user_email": "cia@eskilstuna.se", "hours_per_year": 100}),
        )
        .await;
    assert_eq!(status, 403, "{refused}");
    let sent = coordinator
        .submit(
            "/teknikcoacher/utse",
            &[("user_email", "cia@eskilstuna.se"), ("hours_per_year", "1")],
        )
        .await;
    assert_eq!(sent.status, 403, "{}", sent.body);
    let (status, refused) = member
        .send_json(
            "POST",
            "/api/v1/coaches",
            &json!({"user_email": "bo@katrineholm.se"}),
        )
        .await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(member.get("/teknikcoacher/utse").await.status, 403);
    assert_eq!(role_of(&app, "cia@eskilstuna.se").await, "member");

    // Node staff appoint anyone; a coordinator keeps their role when appointed.
    let cia = appointed(
        &app,
        json!({"user_email": "cia@eskilstuna.se", "hours_per_year": 450}),
    )
    .await;
    assert_eq!(cia["organisation"]["code"], "0484");
    assert_eq!(role_of(&app, "cia@eskilstuna.se").await, "coach");
    let (status, _) = app
        .send_json(
            "POST",
            "/api/v1/coaches",
            &json!({"user_email": coordinator.email, "hours_per_year": 50}),
            true,
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(role_of(&app, &coordinator.email).await, "coordinator");

    // The coordinator cannot end Eskilstuna's coach, but ends their own; the profile is kept
    // (node staff still open it) and the coach is a member again.
    let cia_id = cia["id"].as_str().unwrap();
    let (status, _) = coordinator
        .send_json("DELETE", &format!("/api/v1/coaches/{cia_id}"), &json!(null))
        .await;
    assert_eq!(status, 403);
    let (status, _) = coordinator
        .send_json("DELETE", &format!("/api/v1/coaches/{anna}"), &json!(null))
        .await;
    assert_eq!(status, 204);
    assert_eq!(role_of(&app, "anna@katrineholm.se").await, "member");
    let (status, _) = app.get_json(&format!("/api/v1/coaches/{anna}")).await;
    assert_eq!(status, 404, "an ended appointment leaves the directory");
    let (status, kept) = coordinator
        .get_json(&format!("/api/v1/coaches/{anna}"))
        .await;
    assert_eq!(status, 200, "{kept}");
    assert_eq!(kept["active"], false);
    let (_, listed) = app.get_json("/api/v1/coaches?organisation=0483").await;
    assert_eq!(listed["total"], 2, "{listed}");

    // Appointing again reopens the same profile.
    let (status, again) = coordinator
        .send_json(
            "POST",
            "/api/v1/coaches",
            &json!({"user_email": "anna@katrineholm.se", "hours_per_year": 500}),
        )
        .await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["id"], anna.as_str());
    assert_eq!(again["active"], true);

    // Each step is in the audit trail.
    let audited = noden_portal::audit::page(
        &app.state.db,
        &noden_portal::audit::Filter {
            action: "coach.".to_owned(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let actions: Vec<String> = audited.0.iter().map(|e| e.action.clone()).collect();
    for action in ["coach.appoint", "coach.end"] {
        assert!(actions.iter().any(|a| a == action), "{action}: {actions:?}");
    }
}

async fn the_directory_filters_by_organisation_category_and_technology_and_pages(backend: Backend) {
    let app = TestApp::new(backend).await;
    let camera = technology(&app, "Nattkamera").await;
    let dispenser = technology(&app, "Läkemedelsautomat").await;
    // 21 coaches in Katrineholm who know cameras, 3 in Flen who know dispensers.
    for n in 0..21 {
        let id = user_in(&app, &format!("coach{n:02}@katrineholm.se"), "0483").await;
        appointed(
            &app,
            json!({"user_id": id, "hours_per_year": 100, "categories": ["digital-tillsyn"],
                   "technologies": [camera]}),
        )
        .await;
    }
    for n in 0..3 {
        let id = user_in(&app, &format!("coach{n}@flen.se"), "0482").await;
        appointed(
            &app,
            json!({"user_id": id, "hours_per_year": 200, "categories": ["lakemedelsautomater"],
                   "technologies": [dispenser]}),
        )
        .await;
    }
    let total = |query: &'static str| {
        let app = &app;
        async move {
            let (status, list) = app.get_json(&format!("/api/v1/coaches{query}")).await;
            assert_eq!(status, 200, "{query}: {list}");
            list["total"].as_u64().unwrap()
        }
    };
    assert_eq!(total("").await, 24);
    assert_eq!(total("?organisation=0482").await, 3);
    assert_eq!(total("?organisation=Katrineholms%20kommun").await, 21);
    assert_eq!(total("?category=lakemedelsautomater").await, 3);
    assert_eq!(total("?category=trygghetslarm").await, 0);
    assert_eq!(
        app.get_json(&format!("/api/v1/coaches?technology={camera}"))
            .await
            .1["total"],
        21
    );
    assert_eq!(
        app.get_json(&format!(
            "/api/v1/coaches?technology={dispenser}&organisation=0483"
        ))
        .await
        .1["total"],
        0
    );
    assert_eq!(total("?county=04").await, 24);
    assert_eq!(total("?county=03").await, 0);

    // Paged: 20 on the first page, the rest on the second, by name.
    let (_, first) = app.get_json("/api/v1/coaches").await;
    assert_eq!(first["coaches"].as_array().unwrap().len(), 20);
    let (_, second) = app.get_json("/api/v1/coaches?page=2").await;
    assert_eq!(second["coaches"].as_array().unwrap().len(), 4);
    let names: Vec<String> = first["coaches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);

    // Unknown filter values are named.
    let (status, problem) = app.get_json("/api/v1/coaches?category=ingen-sadan").await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "category");

    // The page filters the same way, with a pager that keeps the filter.
    let (status, _, body) = app.get("/teknikcoacher?organisation=0482").await;
    assert_eq!(status, 200);
    assert!(body.contains("3 teknikcoacher"), "{body}");
    assert!(body.contains("Coach0"), "{body}");
    let (_, _, body) = app
        .get(&format!("/teknikcoacher?technology={camera}"))
        .await;
    assert!(body.contains("21 teknikcoacher"), "{body}");
    assert!(
        body.contains(&format!("technology={camera}&#38;page=2")),
        "{body}"
    );
    let (_, _, home) = app.get("/").await;
    assert!(
        home.contains("href=\"/teknikcoacher\""),
        "in the header menu"
    );
}

async fn a_visitor_sees_no_contact_details_in_page_or_api(backend: Backend) {
    let app = TestApp::new(backend).await;
    user_in(&app, "dora@nykoping.se", "0480").await;
    let made = appointed(
        &app,
        json!({"user_email": "dora@nykoping.se", "workplace": "Tallgården",
               "hours_per_year": 500, "contact": "Ring 0155-24 00 00 och fråga efter Dora"}),
    )
    .await;
    let id = made["id"].as_str().unwrap();
    let contact = "Ring 0155-24 00 00";

    let (_, one) = app.get_json(&format!("/api/v1/coaches/{id}")).await;
    assert!(one.get("contact").is_none(), "{one}");
    let (_, list) = app.get_json("/api/v1/coaches").await;
    assert!(list["coaches"][0].get("contact").is_none(), "{list}");
    for path in [format!("/teknikcoacher/{id}"), "/teknikcoacher".to_owned()] {
        let (status, _, body) = app.get(&path).await;
        assert_eq!(status, 200);
        assert!(body.contains("Tallgården"), "{body}");
        assert!(
            !body.contains(contact),
            "{path} shows the contact to a visitor"
        );
        assert!(body.contains("Logga in"), "{body}");
    }

    // Signed-in readers of any organisation see it.
    let reader = app.with_user(Role::Member, "0482").await;
    let (_, one) = reader.get_json(&format!("/api/v1/coaches/{id}")).await;
    assert!(
        one["contact"].as_str().unwrap().starts_with(contact),
        "{one}"
    );
    let (_, one) = reader
        .send_json("GET", &format!("/api/v1/coaches/{id}"), &json!(null))
        .await;
    assert!(
        one["contact"].as_str().unwrap().starts_with(contact),
        "{one}"
    );
    let page = reader.get(&format!("/teknikcoacher/{id}")).await;
    assert!(page.body.contains(contact), "{}", page.body);
    let page = reader.get("/teknikcoacher").await;
    assert!(page.body.contains(contact), "{}", page.body);

    // Followers learn the coach's name and page.
    let described = noden_portal::topic_sources_of_node()
        .describe(
            &app.state,
            &Actor::Anonymous,
            TopicKind::Coach,
            id.parse().unwrap(),
        )
        .await
        .unwrap()
        .expect("a coach to follow");
    assert_eq!(described.label, "Dora");
    assert_eq!(described.path, format!("/teknikcoacher/{id}"));
}

async fn the_coach_edits_their_profile_and_a_personnummer_is_refused_next_to_the_field(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let camera = technology(&app, "Nattkamera").await;
    user_in(&app, "eva@flen.se", "0482").await;
    let made = appointed(
        &app,
        json!({"user_email": "eva@flen.se", "workplace": "Hemtjänsten", "hours_per_year": 200}),
    )
    .await;
    let url = made["url"].as_str().unwrap().to_owned();
    let id = made["id"].as_str().unwrap().to_owned();
    let coach = app.with_user_at("eva@flen.se", Role::Coach, "0482").await;

    let form = coach.get(&format!("{url}/redigera")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let sent = coach
        .submit(
            &format!("{url}/redigera"),
            &[
                ("workplace", "Hemtjänsten Malmköping"),
                ("hours_per_year", "350"),
                ("contact", "Gruppledarens telefon"),
                ("introduction", "Jag kan **nattkameror**."),
                ("technologies", camera.as_str()),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let page = coach.get(&url).await;
    assert!(
        page.body.contains("Hemtjänsten Malmköping"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<strong>nattkameror</strong>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("350 timmar per år"), "{}", page.body);
    let (_, shown) = coach.get_json(&format!("/api/v1/coaches/{id}")).await;
    assert_eq!(shown["technologies"][0]["slug"], camera.as_str());

    // Someone else of the organisation may not; the coach may not end their own appointment.
    let other = app.with_user(Role::Member, "0482").await;
    assert_eq!(other.get(&format!("{url}/redigera")).await.status, 403);
    let (status, _) = other
        .send_json(
            "PUT",
            &format!("/api/v1/coaches/{id}"),
            &json!({"workplace": "Annat"}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = coach
        .send_json("DELETE", &format!("/api/v1/coaches/{id}"), &json!(null))
        .await;
    assert_eq!(status, 403);

    // A personnummer is refused next to the field it is in, the rest kept as typed.
    for field in ["workplace", "introduction", "contact"] {
        let mut fields = vec![
            ("workplace", "Hemtjänsten"),
            ("hours_per_year", "350"),
            ("introduction", "Hej"),
            ("contact", "Telefon"),
        ];
        for f in fields.iter_mut() {
            if f.0 == field {
                f.1 = "Brukaren 19121212-1212";
            }
        }
        let sent = coach.submit(&format!("{url}/redigera"), &fields).await;
        assert_eq!(sent.status, 422, "{field}: {}", sent.body);
        let marker = format!("id=\"{field}-error\"");
        let at = sent.body.find(&marker).unwrap_or_else(|| panic!("{field}"));
        assert!(
            sent.body[at..at + 300].contains("personnummer"),
            "{field}: {}",
            &sent.body[at..at + 300]
        );
    }
    let (status, problem) = coach
        .send_json(
            "PUT",
            &format!("/api/v1/coaches/{id}"),
            &json!({"workplace": "Enhet 19121212-1212", "hours_per_year": 10}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "workplace");
    let (status, problem) = coach
        .send_json(
            "PUT",
            &format!("/api/v1/coaches/{id}"),
            &json!({"hours_per_year": 5000}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "hours_per_year");
    let page = coach.get(&url).await;
    assert!(
        page.body.contains("Hemtjänsten Malmköping"),
        "nothing saved"
    );
}

async fn the_overview_shows_the_active_coaches_and_their_hours(backend: Backend) {
    let app = TestApp::new(backend).await;
    for (email, code, hours) in [
        ("a@katrineholm.se", "0483", 300),
        ("b@katrineholm.se", "0483", 500),
        ("c@eskilstuna.se", "0484", 400),
        ("d@eskilstuna.se", "0484", 250),
    ] {
        user_in(&app, email, code).await;
        appointed(&app, json!({"user_email": email, "hours_per_year": hours})).await;
    }
    // An ended appointment no longer counts.
    let (_, list) = app.get_json("/api/v1/coaches?organisation=0484").await;
    let ended = list["coaches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["hours_per_year"] == 250)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _) = app
        .send_json(
            "DELETE",
            &format!("/api/v1/coaches/{ended}"),
            &json!(null),
            true,
        )
        .await;
    assert_eq!(status, 204);

    let network = noden_portal::overview::coach_network(
        &app.state.db,
        &app.state.catalog.get(),
        app.state.clock.now(),
    )
    .await
    .unwrap();
    assert_eq!(network.active_coaches, 3);
    assert_eq!(network.hours_per_year, 1200);
    let rows: Vec<(String, u64, i64)> = network
        .organisations
        .iter()
        .map(|r| (r.organisation.clone(), r.coaches, r.hours_per_year))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Eskilstuna kommun".to_owned(), 1, 400),
            ("Katrineholms kommun".to_owned(), 2, 800),
        ]
    );
    let (status, _, body) = app.get("/oversikt").await;
    assert_eq!(status, 200);
    assert!(body.contains("Teknikcoachnätverket"), "{body}");
    assert!(
        body.contains(
            "3 aktiva <a href=\"/teknikcoacher\">teknikcoacher</a> med sammanlagt 1200 timmar"
        ),
        "{body}"
    );
    assert!(
        body.contains("<th scope=\"row\">Katrineholms kommun</th><td>2</td><td>800</td><td>0</td>"),
        "{body}"
    );
}
