//! A confirmation step that works without JavaScript: a small page that asks once more before
//! something is taken back ("Dra tillbaka"), with the final button and a way back.

use askama::Template;
use askama_web::WebTemplate;

/// The page that asks "Vill du dra tillbaka ...?" before the form that does it.
#[derive(Template, WebTemplate)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    /// The page's heading, e.g. "Dra tillbaka behovet".
    pub heading: String,
    /// What happens, in a sentence or two.
    pub explanation: String,
    /// Where the final button posts.
    pub action: String,
    pub csrf: String,
    /// The final button's text.
    pub button: String,
    /// Where "Avbryt" leads back to.
    pub back: String,
}

impl ConfirmPage {
    /// The step before withdrawing the item whose page is `url`: the final button posts to
    /// `{url}/dra-tillbaka`, "Avbryt" leads back. The texts are the caller's, in the page's
    /// language.
    pub fn withdrawal(
        heading: String,
        explanation: String,
        button: String,
        url: String,
        csrf: &str,
    ) -> Self {
        ConfirmPage {
            heading,
            explanation,
            action: format!("{url}/dra-tillbaka"),
            csrf: csrf.to_owned(),
            button,
            back: url,
        }
    }
}
