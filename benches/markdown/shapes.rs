//! The Markdown shapes whose rendering cost grows with depth or count, each filling the size
//! cap of a text: shared by the security test (what is answered how) and the Markdown
//! benchmark (how fast).

/// The size cap of a Markdown text (the default `markdown_max_bytes`).
pub const CAP: usize = 64 * 1024;

/// One shape: its name, the text, and whether Noden renders it (`true`) or refuses it before
/// rendering as nested too deeply (`false`).
pub struct Shape {
    pub name: &'static str,
    pub text: String,
    pub rendered: bool,
}

/// `unit` repeated to fill the size cap, then `tail`.
pub fn at_cap(unit: &str, tail: &str) -> String {
    let mut text = unit.repeat((CAP - tail.len()) / unit.len());
    text.push_str(tail);
    text
}

fn grow(mut text: String, next: impl Fn(usize) -> String) -> String {
    let mut i = 0;
    loop {
        let piece = next(i);
        if text.len() + piece.len() > CAP {
            return text;
        }
        text.push_str(&piece);
        i += 1;
    }
}

pub fn shapes() -> Vec<Shape> {
    let references = grow(String::new(), |n| {
        format!("[l{n}]: https://exempel.se/{n}\n")
    })
    .chars()
    .take(CAP / 2)
    .collect::<String>();
    let defined = references.lines().count().saturating_sub(1).max(1);
    let links = grow(references + "\n", |i| format!("[x][l{}] ", i % defined));
    let shape = |name, text, rendered| Shape {
        name,
        text,
        rendered,
    };
    vec![
        shape(
            "nested quotes and lists (>- >- …)",
            at_cap(">- ", "x"),
            false,
        ),
        shape("nested quotes (>>>…)", at_cap(">", " x"), false),
        shape(
            "lists nested by indentation",
            grow(String::new(), |depth| {
                format!("{}- a\n", " ".repeat(depth * 2))
            }),
            false,
        ),
        shape("nested HTML (<div><div>…)", at_cap("<div>", "x"), false),
        shape("long emphasis runs (*a **b …)", at_cap("*a **b ", ""), true),
        shape("unclosed emphasis (***…)", at_cap("*", "x"), true),
        shape("open brackets ([[[…)", at_cap("[", "x"), true),
        shape("many link references", links, true),
        shape(
            "long table",
            grow("| a | b | c |\n|---|---|---|\n".to_owned(), |_| {
                "| 1 | 2 | 3 |\n".to_owned()
            }),
            true,
        ),
        shape(
            "quotes 16 deep, repeated",
            at_cap(&format!("{}x\n\n", "> ".repeat(16)), ""),
            true,
        ),
    ]
}
