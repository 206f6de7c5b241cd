//! What the frame around every page shows beside the page itself: who is signed in (with the
//! links that person has) and the confirmation a form left on its way back ("Behovet är
//! sparat"). A middleware fills it per request (the account feature knows who is signed in);
//! `base.html` reads it through [`current`], so page templates need not carry it.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::HttpResponse;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header;
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// The cookie that carries a confirmation from a form's redirect to the page it lands on.
pub const FLASH_COOKIE: &str = "noden_besked";

/// The cookie that keeps the language the reader chose with the switch ("sv" or "en").
pub const LANG_COOKIE: &str = "noden_sprak";

/// The longest confirmation kept; longer ones are cut.
const FLASH_MAX_CHARS: usize = 200;

/// The signed-in person as the header shows them.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    pub name: String,
    pub organisation: String,
    /// The session's form token, for the sign-out button.
    pub csrf: String,
    /// Reports waiting for review, for those who review them.
    pub review_waiting: Option<u64>,
    /// Whether the person administers the node.
    pub admin: bool,
    /// Their unread notices.
    pub unread: u64,
    /// Whether the person posts field reports ("Ny fältrapport" in the header).
    pub posts_field_reports: bool,
    /// The language their account is set to, if any.
    pub language: Option<super::i18n::Lang>,
}

/// The frame of one request's page.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    pub viewer: Option<Viewer>,
    /// A confirmation to show once, announced to screen readers.
    pub flash: Option<String>,
    /// The path of the page, for "Logga in" to come back to.
    pub path: String,
    /// The language the page is in.
    pub lang: super::i18n::Lang,
    /// Units of work open in this request ([`writing`]): while one is, texts come in Swedish,
    /// since what a write makes is kept and shown to others (notices, e-mail, history).
    pub writing: Arc<AtomicUsize>,
}

impl Frame {
    /// Where "Logga in" leads: back to this page afterwards, unless this is the sign-in page.
    pub fn sign_in_link(&self) -> String {
        let back = super::local_return(&self.path);
        if back == "/" || back.starts_with("/logga-in") || back.starts_with("/logga-ut") {
            "/logga-in".to_owned()
        } else {
            format!(
                "/logga-in?{}",
                serde_html_form::to_string([("tillbaka", back)]).unwrap_or_default()
            )
        }
    }

    /// The switch to the other language, coming back to this page.
    pub fn language_switch(&self) -> String {
        format!(
            "/sprak/{}?{}",
            self.lang.other().code(),
            serde_html_form::to_string([("tillbaka", super::local_return(&self.path))])
                .unwrap_or_default()
        )
    }
}

/// The cookie that remembers `lang` for a year.
pub fn lang_cookie(lang: super::i18n::Lang) -> Cookie<'static> {
    Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish()
}

/// Forgets the switch's choice (the account's or the browser's language decides again).
pub fn lang_cookie_removal() -> Cookie<'static> {
    let mut cookie = Cookie::build(LANG_COOKIE, "").path("/").finish();
    cookie.make_removal();
    cookie
}

tokio::task_local! {
    static FRAME: Arc<Frame>;
}

/// The frame of the page being rendered; empty outside a request.
pub fn current() -> Arc<Frame> {
    FRAME.try_with(Arc::clone).unwrap_or_default()
}

/// Runs `f` with texts in `lang`, whatever the request's language or an open write says (the
/// sign-in link mail, written inside a unit of work, goes in the language of its asker).
pub fn speaking<R>(lang: super::i18n::Lang, f: impl FnOnce() -> R) -> R {
    let mut frame = (*current()).clone();
    frame.lang = lang;
    frame.writing = Arc::default();
    FRAME.sync_scope(Arc::new(frame), f)
}

/// A write open in this request: texts come in Swedish until it is dropped.
#[derive(Debug)]
pub struct Writing(Arc<AtomicUsize>);

/// Marks a write (a unit of work) open until the answer is dropped.
pub fn writing() -> Writing {
    let open = current().writing.clone();
    open.fetch_add(1, Ordering::SeqCst);
    Writing(open)
}

impl Drop for Writing {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs `f` on the blocking pool with this request's frame, so the texts it makes (a refusal
/// of a file) come in the page's language: the frame does not follow work to another thread
/// by itself, and `actix_web::web::block` alone would make them Swedish.
pub async fn block<F, R>(f: F) -> Result<R, actix_web::error::BlockingError>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let frame = current();
    actix_web::web::block(move || FRAME.sync_scope(frame, f)).await
}

/// Runs `work` (the rest of the request) with `frame` as the page frame.
pub async fn within<F: Future>(frame: Frame, work: F) -> F::Output {
    FRAME.scope(Arc::new(frame), work).await
}

/// A redirect after a successful form that shows `message` once on the page it leads to.
pub fn see_other(location: &str, message: &str) -> HttpResponse {
    let mut response = HttpResponse::SeeOther();
    response.insert_header((header::LOCATION, location.to_owned()));
    response.cookie(flash_cookie(message));
    response.finish()
}

/// The cookie that leaves `message` for the next page.
pub fn flash_cookie(message: &str) -> Cookie<'static> {
    let message: String = message.chars().take(FLASH_MAX_CHARS).collect();
    Cookie::build(
        FLASH_COOKIE,
        utf8_percent_encode(&message, NON_ALPHANUMERIC).to_string(),
    )
    .path("/")
    .http_only(true)
    .same_site(SameSite::Lax)
    .max_age(actix_web::cookie::time::Duration::minutes(5))
    .finish()
}

/// The cookie that clears a confirmation once shown.
pub fn flash_removal() -> Cookie<'static> {
    let mut cookie = Cookie::build(FLASH_COOKIE, "").path("/").finish();
    cookie.make_removal();
    cookie
}

/// The confirmation a cookie value carries; none when empty or unreadable.
pub fn flash_from_cookie(value: &str) -> Option<String> {
    let text = percent_decode_str(value).decode_utf8().ok()?;
    let text: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(FLASH_MAX_CHARS)
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmation_survives_the_cookie_with_swedish_letters() {
        let cookie = flash_cookie("Behovet är sparat");
        assert_eq!(
            flash_from_cookie(cookie.value()).as_deref(),
            Some("Behovet är sparat")
        );
        assert_eq!(flash_from_cookie(""), None);
        assert_eq!(flash_from_cookie("%0A%0D"), None);
    }

    #[actix_web::test]
    async fn work_on_the_blocking_pool_speaks_the_pages_language() {
        use super::super::i18n::{Lang, lang};
        let frame = Frame {
            lang: Lang::En,
            ..Frame::default()
        };
        let (here, there) = within(frame, async { (lang(), block(lang).await.unwrap()) }).await;
        assert_eq!((here, there), (Lang::En, Lang::En));
        assert_eq!(actix_web::web::block(lang).await.unwrap(), Lang::Sv);
    }

    #[test]
    fn sign_in_comes_back_to_the_page_but_not_to_itself() {
        let on = |path: &str| Frame {
            path: path.to_owned(),
            ..Frame::default()
        };
        assert_eq!(
            on("/tester/natt-kamera").sign_in_link(),
            "/logga-in?tillbaka=%2Ftester%2Fnatt-kamera"
        );
        assert_eq!(on("/").sign_in_link(), "/logga-in");
        assert_eq!(on("/logga-in?tillbaka=%2Fx").sign_in_link(), "/logga-in");
        assert_eq!(on("//evil.example").sign_in_link(), "/logga-in");
    }
}
