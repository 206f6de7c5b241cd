//! A real SMTP server for the tests: aiosmtpd (from PyPI) storing what it receives in a
//! Maildir. `scripts/test` installs it.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

pub struct SmtpServer {
    pub port: u16,
    child: Option<Child>,
    dir: TempDir,
}

/// A port nothing listens on right now, for a server that binds it a moment later. It lies
/// below the range the kernel gives outgoing connections (32768 and up on Linux), so none of
/// the many connections the tests open can take it meanwhile, and it is never handed out twice
/// in a run.
pub fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<std::collections::BTreeSet<u16>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    loop {
        let port = fastrand::u16(20_000..32_000);
        let fresh = GIVEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(port);
        if fresh && TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

impl SmtpServer {
    /// A server on a fresh port.
    pub fn start() -> SmtpServer {
        Self::start_on(free_port())
    }

    /// A server on `port`, e.g. one the portal was told about while nothing listened there.
    pub fn start_on(port: u16) -> SmtpServer {
        let dir = tempfile::tempdir().expect("maildir");
        let maildir = dir.path().join("mail");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start aiosmtpd (pip install -r tests/requirements.txt)");
        let mut server = SmtpServer {
            port,
            child: Some(child),
            dir,
        };
        server.wait_until_listening();
        server
    }

    fn wait_until_listening(&mut self) {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!("aiosmtpd exited before listening: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn maildir(&self) -> PathBuf {
        self.dir.path().join("mail")
    }

    /// Every message received so far, oldest first, as raw RFC 5322 text.
    pub fn messages(&self) -> Vec<String> {
        let mut found = Vec::new();
        for sub in ["new", "cur"] {
            if let Ok(entries) = std::fs::read_dir(self.maildir().join(sub)) {
                for entry in entries.flatten() {
                    let modified = entry.metadata().and_then(|m| m.modified()).ok();
                    if let Ok(text) = std::fs::read_to_string(entry.path()) {
                        found.push((modified, entry.file_name(), text));
                    }
                }
            }
        }
        found.sort();
        found.into_iter().map(|(_, _, text)| text).collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The message's text with quoted-printable undone (soft line breaks and `=XX` bytes), so
/// links and Swedish words can be read whole.
pub fn decoded(message: &str) -> String {
    let joined = message.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .filter(|h| {
                h.chars()
                    .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
            })
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The first sign-in link in a message.
pub fn sign_in_link(message: &str) -> String {
    let text = decoded(message);
    let start = text.find("http://").expect("a link in the mail");
    let rest = &text[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .unwrap_or(rest.len());
    rest[..end].to_owned()
}
