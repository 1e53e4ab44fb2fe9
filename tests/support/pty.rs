//! A pseudo-terminal session for end-to-end tests of the explorer: the binary started in a
//! portable-pty, its output read back through a terminal emulator (vt100). Waits are for text
//! on screen, never bare sleeps, and give up after `timeout()`.

use super::timeout;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap_or(std::num::NonZeroU16::MIN)
}

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    /// The watched texts that have been on screen at some moment (see `start_watching`).
    seen: Arc<Mutex<Vec<String>>>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub master: Box<dyn portable_pty::MasterPty + Send>,
    /// Every byte the program wrote, for sequences the emulator does not show (OSC 52).
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_with(args, cols, rows, &[])
    }

    pub fn start_with(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Session::start_watching(args, cols, rows, env, &[])
    }

    /// Starts a session that notes whether each of `watch` was ever on screen, even for a
    /// moment too short for `wait_for` to catch (`was_seen`).
    pub fn start_watching(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        watch: &[&str],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dealbook"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        // The explorer's own state (search history) goes to a folder of the test's, never
        // to the real home; a test may give its own in `env`.
        static SESSIONS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let state =
            std::env::temp_dir().join(format!("dealbook-test-state-{}-{n}", std::process::id()));
        cmd.env("DEALBOOK_STATE_DIR", &state);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let feed = Arc::clone(&parser);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let noted = Arc::clone(&seen);
        let watch: Vec<String> = watch.iter().map(|w| w.to_string()).collect();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_in = Arc::clone(&raw);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut r) = raw_in.lock() {
                    r.extend_from_slice(&buf[..n]);
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                    if !watch.is_empty() {
                        let screen = p.screen().contents();
                        if let Ok(mut seen) = noted.lock() {
                            for w in &watch {
                                if screen.contains(w.as_str()) && !seen.contains(w) {
                                    seen.push(w.clone());
                                }
                            }
                        }
                    }
                }
            }
        });
        Session {
            parser,
            writer,
            seen,
            child,
            master: pty.master,
            raw,
        }
    }

    /// Waits until the program has written `needle` (raw bytes, escape sequences included).
    pub fn wait_written(&self, needle: &[u8]) {
        let start = Instant::now();
        loop {
            let found = self
                .raw
                .lock()
                .map(|r| r.windows(needle.len()).any(|w| w == needle))
                .unwrap_or(false);
            if found {
                return;
            }
            assert!(
                start.elapsed() < timeout(),
                "waited {:?} for {:?} to be written; the screen shows:\n{}",
                timeout(),
                String::from_utf8_lossy(needle),
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Resizes the pseudo-terminal (the program gets SIGWINCH) and the emulator with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .expect("parser")
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    /// Whether `text` (one of those watched) has been on screen.
    pub fn was_seen(&self, text: &str) -> bool {
        self.seen
            .lock()
            .map(|s| s.iter().any(|w| w == text))
            .unwrap_or(false)
    }

    /// Waits until `text` (one of those watched) has been on screen at some moment.
    pub fn wait_seen(&self, text: &str) {
        let start = Instant::now();
        while !self.was_seen(text) {
            assert!(
                start.elapsed() < timeout(),
                "waited {:?} for {text:?} to appear; the screen shows:\n{}",
                timeout(),
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Waits until every one of `texts` is on screen.
    pub fn wait_for(&self, texts: &[&str]) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if texts.iter().all(|t| screen.contains(t)) {
                return;
            }
            assert!(
                start.elapsed() < timeout(),
                "waited {:?} for {texts:?}; the screen shows:\n{screen}",
                timeout()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen satisfies `ok` (`what` says what was awaited, for the message).
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return;
            }
            assert!(
                start.elapsed() < timeout(),
                "waited {:?} for {what}; the screen shows:\n{screen}",
                timeout()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    /// Waits for the process to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader thread take in the last bytes (the restore sequence).
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            assert!(start.elapsed() < timeout(), "the explorer did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal is as the shell left it: main screen, cursor shown, no mouse reporting.
    pub fn assert_restored(&self) {
        let p = self.parser.lock().expect("parser");
        let screen = p.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting still on"
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
