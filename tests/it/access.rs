//! What is private to one organisation stays private: a signed-in member of another
//! organisation cannot see, find, count or guess it, on any page or API.

use noden_portal::auth::Role;
use serde_json::{Value, json};

use crate::browser::Browser;
use crate::harness::{Backend, TestApp, facet_values, on_both_backends};

on_both_backends!(
    a_member_of_another_organisation_cannot_see_find_count_or_guess_private_items,
    workspace_items_open_to_the_member_organisations_only,
    a_user_added_to_a_workspace_in_person_opens_it_and_no_colleague_does,
    a_coach_is_a_role_of_its_own_set_from_the_command_line,
    node_staff_publish_at_once_and_members_send_for_review,
);

async fn search(app: &TestApp, browser: &Browser, query: &str) -> Value {
    let page = browser
        .get(&app.url(&format!("/api/v1/search?{query}")))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    serde_json::from_str(&page.body).unwrap()
}

async fn a_member_of_another_organisation_cannot_see_find_count_or_guess_private_items(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;

    let mut created = Vec::new();
    for (title, visibility, outcome) in [
        ("Nätverkets zebrarapport", "network", "pagar"),
        ("Intern kvasarutredning", "organisation", "forkastad"),
    ] {
        let body = json!({
            "title": title,
            "summary": "Kvasarlamporna och zebrafiskarna i hemtjänsten.",
            "body": if visibility == "organisation" {
                "Kvasarlamporna testades nattetid med kamera. Gnuggbitarna fungerade inte."
            } else {
                "Zebrafiskarna testades nattetid med kamera."
            },
            "visibility": visibility,
            "organisation": "0480",
            "outcome": outcome,
            "categories": ["digital-tillsyn"],
        });
        let (status, report) = app.send_json("POST", "/api/v1/reports", &body, true).await;
        assert_eq!(status, 201, "{report}");
        created.push(report);
    }
    app.indexed().await;
    let private = &created[1];
    let private_id = private["id"].as_str().unwrap();
    let private_url = private["url"].as_str().unwrap();

    let eskilstuna = app.with_user(Role::Member, "0484").await;
    let nykoping = app.with_user(Role::Member, "0480").await;
    let anonymous = Browser::new();

    // Members of the owning organisation find it; the network item is open to all signed in.
    let own = search(&app, &nykoping, "q=gnuggbitarna").await;
    assert_eq!(own["total"], 1, "{own}");
    let network = search(&app, &eskilstuna, "q=zebrafiskarna").await;
    assert_eq!(network["total"], 1, "{network}");
    assert_eq!(
        search(&app, &anonymous, "q=zebrafiskarna").await["total"],
        0
    );

    // Not found, not counted, not suggested, not corrected towards, for the other member.
    for q in [
        "gnuggbitarna",
        "kvasarutredning",
        "gnuggbitrna",
        "intern%20kvasarutredning",
    ] {
        let result = search(&app, &eskilstuna, &format!("q={q}")).await;
        assert_eq!(result["total"], 0, "{q} leaked: {result}");
        assert!(
            result.get("did_you_mean").is_none(),
            "{q}: correction leaked: {result}"
        );
        for facet in [
            "kind",
            "category",
            "organisation",
            "county",
            "outcome",
            "year",
        ] {
            assert_eq!(
                result["facets"][facet],
                json!([]),
                "{q} leaked through {facet}"
            );
        }
    }
    let everything = search(&app, &eskilstuna, "").await;
    let everything_own = search(&app, &nykoping, "").await;
    assert_eq!(
        everything["total"].as_u64().unwrap() + 1,
        everything_own["total"].as_u64().unwrap(),
        "totals differ by exactly the private item"
    );
    assert!(!facet_values(&everything, "outcome").contains(&"forkastad".to_owned()));
    assert!(facet_values(&everything_own, "outcome").contains(&"forkastad".to_owned()));
    let kvasar = search(&app, &eskilstuna, "q=kvasarlamporna").await;
    assert_eq!(
        kvasar["total"], 1,
        "only the network item says kvasarlamporna: {kvasar}"
    );
    assert!(
        !kvasar.to_string().contains("Gnuggbitarna"),
        "a snippet leaked"
    );

    for prefix in ["Intern", "kvasarutr"] {
        let page = eskilstuna
            .get(&app.url(&format!("/api/v1/suggest?q={prefix}")))
            .await;
        assert_eq!(page.body, "[]", "{prefix} leaked through suggestions");
    }
    let network_page = eskilstuna
        .get(&app.url(created[0]["url"].as_str().unwrap()))
        .await;
    assert_eq!(network_page.status, 200);
    assert!(
        !network_page.body.contains("kvasarutredning"),
        "similar reports leaked"
    );
    let own_page = nykoping
        .get(&app.url(created[0]["url"].as_str().unwrap()))
        .await;
    assert!(
        own_page.body.contains("kvasarutredning"),
        "the owner sees it as similar"
    );

    // Guessing the address or the id gives "not found", never "forbidden".
    for path in [
        private_url.to_owned(),
        format!("{private_url}/redigera"),
        format!("/api/v1/reports/{private_id}"),
    ] {
        assert_eq!(eskilstuna.get(&app.url(&path)).await.status, 404, "{path}");
    }
    assert_eq!(nykoping.get(&app.url(private_url)).await.status, 200);

    // Counts on the organisation's and the category's pages leave it out too.
    for path in [
        "/organisationer/nykopings-kommun",
        "/kategorier/digital-tillsyn",
        "/",
    ] {
        let theirs = eskilstuna.get(&app.url(path)).await;
        assert_eq!(theirs.status, 200, "{path}");
        assert!(!theirs.body.contains("kvasarutredning"), "{path} leaked");
        let ours = nykoping.get(&app.url(path)).await;
        assert!(
            ours.body.contains("kvasarutredning"),
            "{path} shows it to the owner"
        );
    }
}

async fn workspace_items_open_to_the_member_organisations_only(backend: Backend) {
    let app = TestApp::new(backend).await;
    let system = noden_portal::audit::By::command("test");
    let codes = |list: &[&str]| list.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    let workspace = noden_portal::workspaces::save(
        &app.state,
        &system,
        "Gemensam larmupphandling",
        &codes(&["0480", "0484"]),
    )
    .await
    .unwrap();
    let body = json!({
        "title": "Kravspecifikation för trygghetslarm",
        "body": "Utkast till krav på larmmottagningen. Kvartsmilen gäller.",
        "organisation": "0480",
        "visibility": "workspace",
        "workspace": workspace.slug,
    });
    let (status, created) = app.send_json("POST", "/api/v1/reports", &body, true).await;
    assert_eq!(status, 201, "{created}");
    let url = created["url"].as_str().unwrap().to_owned();
    let (status, problem) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "x", "visibility": "workspace"}),
            true,
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(problem["errors"][0]["field"], "workspace", "{problem}");
    app.indexed().await;

    let nykoping = app.with_user(Role::Member, "0480").await;
    let eskilstuna = app.with_user(Role::Member, "0484").await;
    let uppsala = app.with_user(Role::Member, "0380").await;
    for (who, browser, sees) in [
        ("Nyköping", &nykoping, true),
        ("Eskilstuna", &eskilstuna, true),
        ("Uppsala", &uppsala, false),
    ] {
        let found = search(&app, browser, "q=kvartsmilen").await;
        assert_eq!(found["total"], u64::from(sees), "{who}: {found}");
        let page = browser.get(&app.url(&url)).await;
        assert_eq!(page.status, if sees { 200 } else { 404 }, "{who}");
    }
    assert_eq!(
        search(&app, &Browser::new(), "q=kvartsmilen").await["total"],
        0
    );

    // Someone outside cannot write into the workspace either.
    let form = uppsala.get(&app.url("/rapporter/ny")).await;
    assert!(
        !form.body.contains(&workspace.slug),
        "only one's own workspaces are offered"
    );
    let refused = uppsala
        .post(
            &app.url("/rapporter/ny"),
            &[
                ("csrf", &form.csrf()),
                ("title", "Inskjuten"),
                ("organisation", "0380"),
                ("visibility", "workspace"),
                ("workspace", &workspace.slug),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    // When Eskilstuna leaves, its staff lose the item at once, in search too.
    noden_portal::workspaces::save(
        &app.state,
        &system,
        "Gemensam larmupphandling",
        &codes(&["0480"]),
    )
    .await
    .unwrap();
    app.indexed().await;
    assert_eq!(search(&app, &eskilstuna, "q=kvartsmilen").await["total"], 0);
    assert_eq!(eskilstuna.get(&app.url(&url)).await.status, 404);
    assert_eq!(search(&app, &nykoping, "q=kvartsmilen").await["total"], 1);
}

/// A browser signed in as `email` of the organisation `code`, without the mail round trip.
async fn signed_in_as(app: &TestApp, email: &str, code: &str) -> Browser {
    let browser = Browser::new();
    let cookie = app
        .session_for(email, noden_portal::auth::Role::Member, code)
        .await;
    browser.set_cookie(&app.base, "noden_session", &cookie);
    browser
}

async fn a_user_added_to_a_workspace_in_person_opens_it_and_no_colleague_does(backend: Backend) {
    let app = TestApp::new(backend).await;
    let system = noden_portal::audit::By::command("test");
    let workspace = noden_portal::workspaces::save(
        &app.state,
        &system,
        "Upphandling av nattkameror",
        &["0480".to_owned(), "0484".to_owned()],
    )
    .await
    .unwrap();
    let (status, created) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({
                "title": "Kravbilaga för nattkameror",
                "body": "Utkast till krav. Fjällugglan gäller.",
                "organisation": "0480",
                "visibility": "workspace",
                "workspace": workspace.slug,
            }),
            true,
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let url = created["url"].as_str().unwrap().to_owned();
    app.indexed().await;

    // Two colleagues in Uppsala, whose organisation is not in the workspace.
    let ina = signed_in_as(&app, "ina@uppsala.se", "0380").await;
    let ola = signed_in_as(&app, "ola@uppsala.se", "0380").await;
    for browser in [&ina, &ola] {
        assert_eq!(browser.get(&app.url(&url)).await.status, 404);
        assert_eq!(search(&app, browser, "q=fjällugglan").await["total"], 0);
    }

    // A node administrator adds Ina on the workspaces page; an unknown address is refused.
    let admin = Browser::new();
    let cookie = app
        .session_for(
            "adam@nykoping.se",
            noden_portal::auth::Role::NodeAdmin,
            "0480",
        )
        .await;
    admin.set_cookie(&app.base, "noden_session", &cookie);
    let rooms = admin.get(&app.url("/admin/arbetsrum")).await;
    assert_eq!(rooms.status, 200);
    let unknown = admin
        .post(
            &app.url("/admin/arbetsrum/personer"),
            &[
                ("csrf", &rooms.csrf()),
                ("workspace", &workspace.slug),
                ("email", "okand@uppsala.se"),
            ],
        )
        .await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.body.contains("Ingen användare har den adressen"));
    // Not for members: the page and the form are node administration.
    let refused = ina
        .post(
            &app.url("/admin/arbetsrum/personer"),
            &[
                ("csrf", &rooms.csrf()),
                ("workspace", &workspace.slug),
                ("email", "ina@uppsala.se"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403);
    let added = admin
        .post(
            &app.url("/admin/arbetsrum/personer"),
            &[
                ("csrf", &rooms.csrf()),
                ("workspace", &workspace.slug),
                ("email", "Ina@Uppsala.se"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let rooms = admin.get(&app.url("/admin/arbetsrum")).await;
    assert!(rooms.body.contains("ina@uppsala.se"), "{}", rooms.body);
    app.indexed().await;

    // From her next request on, Ina opens and finds the workspace's items and may write in it.
    assert_eq!(ina.get(&app.url(&url)).await.status, 200);
    let found = search(&app, &ina, "q=fjällugglan").await;
    assert_eq!(found["total"], 1, "{found}");
    let form = ina.get(&app.url("/rapporter/ny")).await;
    assert!(
        form.body.contains(&workspace.slug),
        "the workspace is offered to write in"
    );
    // Her colleague does not.
    assert_eq!(ola.get(&app.url(&url)).await.status, 404);
    assert_eq!(search(&app, &ola, "q=fjällugglan").await["total"], 0);
    let form = ola.get(&app.url("/rapporter/ny")).await;
    assert!(!form.body.contains(&workspace.slug));
}

/// `noden users set-role` makes a member a coach (and refuses a role that does not exist); the
/// coach's account page says so, and the coach writes for their organisation as a member does.
async fn a_coach_is_a_role_of_its_own_set_from_the_command_line(backend: Backend) {
    let app = TestApp::new(backend).await;
    let coach = signed_in_as(&app, "cecilia@nykoping.se", "0480").await;
    let data = tempfile::tempdir().unwrap();
    let noden = async |args: &[&str]| {
        let mut command = crate::harness::noden_command(&app.db.url, data.path());
        command.args(args);
        let out = crate::harness::output(command).await;
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, err) = noden(&["users", "set-role", "cecilia@nykoping.se", "tränare"]).await;
    assert!(!ok);
    assert!(
        err.contains("member, coach, coordinator, node_admin"),
        "{err}"
    );
    let (ok, err) = noden(&["users", "set-role", "ingen@nykoping.se", "coach"]).await;
    assert!(!ok);
    assert!(err.contains("Ingen användare"), "{err}");

    let (ok, err) = noden(&["users", "set-role", "Cecilia@Nykoping.se", "coach"]).await;
    assert!(ok, "{err}");
    assert!(err.contains("teknikcoach"), "{err}");
    let account = coach.get(&app.url("/konto")).await;
    assert_eq!(account.status, 200);
    assert!(account.body.contains("Teknikcoach"), "{}", account.body);

    // A member's rights: the new-report form offers Nyköping and nothing else, and no
    // review queue.
    let form = coach.get(&app.url("/rapporter/ny")).await;
    assert!(form.body.contains("value=\"0480\""), "{}", form.body);
    assert!(!form.body.contains("value=\"0484\""));
    assert_eq!(coach.get(&app.url("/granskning")).await.status, 403);
}

/// Node staff publish what they write at once; a member's report waits for review, so the
/// public does not see it yet.
async fn node_staff_publish_at_once_and_members_send_for_review(backend: Backend) {
    let app = TestApp::new(backend).await;
    let admin = app.with_user(Role::NodeAdmin, "0480").await;
    let member = app.with_user(Role::Member, "0480").await;
    let anonymous = Browser::new();
    for (who, writer, public) in [("staff", &admin, true), ("member", &member, false)] {
        let form = writer.get("/rapporter/ny").await;
        assert_eq!(
            form.body.contains("skicka för granskning"),
            !public,
            "{who}: only members are offered to send for review"
        );
        let saved = writer
            .submit(
                "/rapporter/ny",
                &[
                    ("title", &format!("Nattkameror enligt {who}")),
                    ("organisation", "0480"),
                    ("visibility", "public"),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(saved.status, 303, "{who}: {}", saved.body);
        let location = saved.location.clone().unwrap().replace("#rapport", "");
        let location = if location.starts_with("http") {
            location
        } else {
            app.url(&location)
        };
        let seen = anonymous.get(&location).await;
        assert_eq!(seen.status, if public { 200 } else { 404 }, "{who}");
    }
}
