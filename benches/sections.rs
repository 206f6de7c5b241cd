//! Writing a benchmark's report into a Markdown file: each report is a `## ` section that
//! replaces the section with the same heading when the benchmark runs again.

/// Writes `section` (which starts with its `## ` heading line) into `path`, replacing an
/// earlier section with the same heading; a new file starts with `preamble`.
pub fn write_section(path: &str, section: &str, preamble: &str) {
    let existing = std::fs::read_to_string(path).unwrap_or_else(|_| preamble.to_owned());
    let heading = section.lines().next().unwrap_or_default().trim_end();
    let mut parts: Vec<String> = Vec::new();
    let mut replaced = false;
    for (i, part) in existing.split("\n## ").enumerate() {
        let part = if i == 0 {
            part.to_owned()
        } else {
            format!("## {part}")
        };
        if part.lines().next().map(str::trim_end) == Some(heading) {
            parts.push(section.trim_end().to_owned());
            replaced = true;
        } else {
            parts.push(part.trim_end().to_owned());
        }
    }
    if !replaced {
        parts.push(section.trim_end().to_owned());
    }
    if let Err(e) = std::fs::write(path, parts.join("\n\n") + "\n") {
        eprintln!("could not write {path}: {e}");
    }
}
