//! A small browser for end-to-end flows: keeps cookies per host, follows redirects only when
//! asked, and reads the CSRF token out of forms.

use std::cell::RefCell;
use std::collections::HashMap;

use awc::Client;

/// One answer, with what a test looks at.
#[derive(Debug, Clone)]
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub headers: HashMap<String, String>,
    pub body: String,
    pub url: String,
}

impl Page {
    /// The value of the first `name="csrf"` field on the page.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self
            .body
            .find(marker)
            .unwrap_or_else(|| panic!("no CSRF field on {}: {}", self.url, self.body))
            + marker.len();
        let end = self.body[start..].find('"').expect("end of value") + start;
        self.body[start..end].to_owned()
    }
}

pub struct Browser {
    client: Client,
    /// Cookies by host:port, then by name.
    jar: RefCell<HashMap<String, HashMap<String, String>>>,
}

fn host_of(url: &str) -> String {
    url.split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_owned()
}

/// Resolves a Location header against the address that sent it.
fn absolute(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_owned();
    }
    let origin = base.split('/').take(3).collect::<Vec<_>>().join("/");
    format!("{origin}{location}")
}

impl Default for Browser {
    fn default() -> Self {
        Self::new()
    }
}

impl Browser {
    pub fn new() -> Browser {
        Browser {
            client: Client::builder().disable_redirects().finish(),
            jar: RefCell::new(HashMap::new()),
        }
    }

    pub fn cookie(&self, url: &str, name: &str) -> Option<String> {
        self.jar
            .borrow()
            .get(&host_of(url))
            .and_then(|c| c.get(name).cloned())
    }

    pub fn set_cookie(&self, url: &str, name: &str, value: &str) {
        self.jar
            .borrow_mut()
            .entry(host_of(url))
            .or_default()
            .insert(name.to_owned(), value.to_owned());
    }

    fn cookie_header(&self, url: &str) -> Option<String> {
        let jar = self.jar.borrow();
        let cookies = jar.get(&host_of(url))?;
        (!cookies.is_empty()).then(|| {
            cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    async fn send(&self, req: awc::ClientRequest, body: Option<String>) -> Page {
        let url = req.get_uri().to_string();
        let req = match self.cookie_header(&url) {
            Some(cookies) => req.insert_header(("Cookie", cookies)),
            None => req,
        };
        let mut res = match body {
            Some(form) => req
                .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
                .send_body(form)
                .await
                .expect("request"),
            None => req.send().await.expect("request"),
        };
        let mut headers = HashMap::new();
        for (name, value) in res.headers() {
            let value = value.to_str().unwrap_or_default().to_owned();
            if name.as_str() == "set-cookie" {
                let pair = value.split(';').next().unwrap_or_default();
                if let Some((k, v)) = pair.split_once('=') {
                    let mut jar = self.jar.borrow_mut();
                    let cookies = jar.entry(host_of(&url)).or_default();
                    let removal = value.to_ascii_lowercase().contains("max-age=0") || v.is_empty();
                    if removal {
                        cookies.remove(k.trim());
                    } else {
                        cookies.insert(k.trim().to_owned(), v.to_owned());
                    }
                }
            }
            headers
                .entry(name.as_str().to_owned())
                .and_modify(|old: &mut String| {
                    old.push('\n');
                    old.push_str(&value);
                })
                .or_insert(value);
        }
        let body = res.body().limit(8 * 1024 * 1024).await.expect("body");
        Page {
            status: res.status().as_u16(),
            location: headers.get("location").map(|l| absolute(&url, l)),
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
            url,
        }
    }

    pub async fn get(&self, url: &str) -> Page {
        self.send(self.client.get(url), None).await
    }

    /// Posts a form; `fields` are URL-encoded here.
    pub async fn post(&self, url: &str, fields: &[(&str, &str)]) -> Page {
        let body = serde_html_form::to_string(fields).expect("form");
        self.send(self.client.post(url), Some(body)).await
    }
}
