//! The whole explorer in a real pseudo-terminal (portable-pty), its screen read back through a
//! terminal emulator (vt100): start, wait for text, type, check, quit, and check the terminal
//! was handed back. Waits are for text on screen, never bare sleeps; the time limit comes from
//! DEALBOOK_TEST_TIMEOUT (tests/support).

mod support;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::time::{Duration, Instant};
use support::pty::{Session, nz};
use support::timeout;

#[test]
fn search_kushner_opens_thrive_and_q_restores_the_terminal() {
    let mut s = Session::start(&[], 120, 40);
    s.wait_for(&["Entities", "Deals", "Flows"]);
    assert!(s.parser.lock().expect("parser").screen().alternate_screen());
    s.send("/");
    s.wait_for(&["Search"]);
    s.send("kushner");
    s.wait_for(&["Joshua Kushner"]);
    s.send("\r");
    // Detail shows Thrive Capital, with its kind and its head.
    s.wait_for(&[
        "Detail entity",
        "fund · US · id thrive-capital",
        "Joshua Kushner — head",
    ]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn drill_down_and_back_in_a_small_terminal_then_ctrl_c() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for(&["Entities", "Deals", "Flows"]);
    // AMD is the fourth entity: down three, Enter for its deals, Enter for the deal.
    s.send("jjjj\r");
    s.wait_for(&["involving AMD"]);
    s.send("\r");
    s.wait_for(&["Detail deal", "→ ≤ 10% of AMD"]);
    s.send("\x1b");
    s.wait_for(&["Deals (1) involving AMD"]);
    // Too small, then large again: the note, then the panes, redrawn.
    s.resize(60, 20);
    s.wait_for(&["Terminal too small"]);
    s.resize(80, 24);
    s.wait_for(&["involving AMD"]);
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for(&["Entities", "Deals", "Flows"]);
    let pid = s.child.process_id().expect("pid");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    assert_eq!(
        s.wait_exit(),
        128 + 15,
        "a signal death's status is 128 + N"
    );
    s.assert_restored();
}

/// Sends `signal` with kill(1) once the explorer is up, with the search line open (the mode
/// most likely to be left half-drawn), and returns the session after the explorer ended.
fn end_with_signal(signal: &str) -> (Session, u32) {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for(&["Entities", "Deals", "Flows"]);
    s.send("/");
    s.wait_for(&["Search"]);
    assert_eq!(line_mode(&s), Some(false), "the explorer runs the tty raw");
    let pid = s.child.process_id().expect("pid");
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let code = s.wait_exit();
    assert_eq!(line_mode(&s), Some(true), "the tty is still raw");
    (s, code)
}

/// Whether the tty reads lines (canonical mode, as a shell leaves it) rather than raw keys. The
/// flags are read through the master side (tcgetattr), and told apart by name so that no
/// termios crate is needed here.
fn line_mode(s: &Session) -> Option<bool> {
    let termios = s.master.get_termios()?;
    Some(format!("{:?}", termios.local_flags).contains("ICANON"))
}

/// The bytes written on SIGINT leave the alternate screen, show the cursor and turn the mouse
/// off (vt100 reads them back), and the status says which signal it was (128 + 2).
#[test]
fn sigint_restores_the_terminal() {
    let (s, code) = end_with_signal("INT");
    assert_eq!(code, 128 + 2);
    s.assert_restored();
}

#[test]
fn sigquit_restores_the_terminal() {
    let (s, code) = end_with_signal("QUIT");
    assert_eq!(code, 128 + 3);
    s.assert_restored();
}

/// A book with errors opens on its Problems screen (the words of `check`); q leaves it, the
/// terminal is restored, the errors are printed again and the exit status is 1.
#[test]
fn a_book_with_errors_opens_on_its_problems() {
    let book = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/invalid/unknown-entity.yaml"
    );
    let mut s = Session::start(&[book], 100, 30);
    s.wait_for(&["Problems · ", "2 errors", "error: party 'nvdia'"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 1);
    s.assert_restored();
    assert!(s.screen().contains("the book has errors"), "{}", s.screen());
}

#[test]
fn a_panic_restores_the_terminal_and_its_message_is_readable() {
    let mut s = Session::start_with(&[], 100, 30, &[("DEALBOOK_TEST_PANIC", "1")]);
    assert_ne!(s.wait_exit(), 0);
    s.assert_restored();
    let screen = s.screen();
    assert!(
        screen.contains("DEALBOOK_TEST_PANIC is set"),
        "the panic message is not on the main screen:\n{screen}"
    );
}

/// Closing the terminal (the window is closed, the ssh link drops) must end the explorer, not
/// leave it spinning on a terminal that is gone.
#[test]
fn a_closed_terminal_ends_the_explorer() {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut child = pty
        .slave
        .spawn_command(CommandBuilder::new(env!("CARGO_BIN_EXE_dealbook")))
        .expect("spawn");
    drop(pty.slave);
    // Read (in this thread, holding no other copy of the master) until the panes are drawn.
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut parser = vt100::Parser::new(nz(30), nz(100), 0);
    let start = Instant::now();
    let mut buf = [0u8; 8192];
    while !parser.screen().contents().contains("Flows") {
        assert!(start.elapsed() < timeout(), "the explorer did not start");
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => parser.process(&buf[..n]),
        }
    }
    drop(reader);
    drop(pty.master);
    let start = Instant::now();
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            return;
        }
        if start.elapsed() > timeout() {
            let _ = child.kill();
            panic!("the explorer kept running after its terminal was closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
