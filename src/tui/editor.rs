//! `$EDITOR` at a line: which editor (`VISUAL`, then `EDITOR`, then `vi`, as git does) and the
//! arguments each one takes to open a file at a line and column. Running it, with the terminal
//! handed over, is the event loop's part (tui/mod.rs); [`run`] starts it and waits.

use std::path::Path;

/// A program and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub program: String,
    pub args: Vec<String>,
    /// The editor as the user wrote it ("code --wait"), and how many of `args` are its own:
    /// on Unix it runs through `sh`, as git runs it, so quotes and variables in it work.
    pub written: String,
    pub own: usize,
}

/// The editor the user chose: `VISUAL`, then `EDITOR` (the first that is set and not blank),
/// then `vi`.
pub fn from_env() -> String {
    chosen(
        std::env::var("VISUAL").ok().as_deref(),
        std::env::var("EDITOR").ok().as_deref(),
    )
}

fn chosen(visual: Option<&str>, editor: Option<&str>) -> String {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|e| !e.trim().is_empty())
        .unwrap_or("vi")
        .to_string()
}

/// How to run `editor` (a program, maybe with arguments: "code --wait") on `path` at `line`
/// and `column` (1-based), in the form that editor takes:
/// vi/vim/nvim `+LINE FILE`; emacs, emacsclient, kakoune and micro `+LINE:COL FILE`; nano
/// `+LINE,COL FILE`; helix and Sublime `FILE:LINE:COL`; VS Code `--wait -g FILE:LINE:COL`;
/// any other editor the file alone.
pub fn command(editor: &str, path: &Path, line: usize, column: usize) -> Command {
    let mut words = editor.split_whitespace().map(String::from);
    let program = words.next().unwrap_or_else(|| "vi".to_string());
    let mut args: Vec<String> = words.collect();
    let own = args.len();
    let file = path.display().to_string();
    let base = Path::new(&program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(&program)
        .to_ascii_lowercase();
    let base = base.strip_suffix(".exe").unwrap_or(&base);
    let (line, column) = (line.max(1), column.max(1));
    match base {
        "vi" | "vim" | "nvim" | "view" | "gvim" | "mvim" | "vim.basic" | "vim.tiny" | "elvis"
        | "nvi" => {
            if base == "gvim" || base == "mvim" {
                // Without -f the GUI forks and returns at once, before the file is saved.
                push_once(&mut args, "-f");
            }
            args.push(format!("+{line}"));
            args.push(file);
        }
        "emacs" | "emacsclient" | "kak" => {
            args.push(format!("+{line}:{column}"));
            args.push(file);
        }
        "nano" | "pico" => {
            args.push(format!("+{line},{column}"));
            args.push(file);
        }
        "hx" | "helix" | "micro" => args.push(format!("{file}:{line}:{column}")),
        "subl" | "sublime_text" => {
            push_once(&mut args, "--wait");
            args.push(format!("{file}:{line}:{column}"));
        }
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => {
            push_once(&mut args, "--wait");
            args.push("-g".to_string());
            args.push(format!("{file}:{line}:{column}"));
        }
        _ => args.push(file),
    }
    // What push_once added among the user's own words is ours, not theirs.
    let own = own.min(args.len());
    Command {
        program,
        args,
        written: editor.trim().to_string(),
        own,
    }
}

/// Adds `flag` unless the user's command has it already (or its short form, for --wait).
fn push_once(args: &mut Vec<String>, flag: &str) {
    let short = if flag == "--wait" { "-w" } else { flag };
    if !args.iter().any(|a| a == flag || a == short) {
        args.push(flag.to_string());
    }
}

/// Runs `command` in the foreground and waits for it; what to tell the user when it did not
/// end well (it could not start, or exited with an error).
pub fn run(command: &Command) -> Result<(), String> {
    let status = if cfg!(unix) {
        // `sh -c '$EDITOR "$@"' $EDITOR ARGS…`: the user's words as the shell reads them,
        // then ours, each passed as one argument whatever it holds.
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{} \"$@\"", command.written))
            .arg(&command.written)
            .args(&command.args[command.own..])
            .status()
    } else {
        std::process::Command::new(&command.program)
            .args(&command.args)
            .status()
    };
    match status {
        Ok(status) if status.success() => Ok(()),
        // The shell's "command not found".
        Ok(status) if cfg!(unix) && status.code() == Some(127) => Err(format!(
            "cannot run '{}' (not found); set VISUAL or EDITOR to your editor",
            command.program
        )),
        Ok(status) => Err(format!("{} exited with {status}", command.program)),
        Err(e) => Err(format!(
            "cannot run '{}' ({e}); set VISUAL or EDITOR to your editor",
            command.program
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(editor: &str) -> Vec<String> {
        let c = command(editor, Path::new("/books/deals.yaml"), 12, 7);
        std::iter::once(c.program).chain(c.args).collect()
    }

    #[test]
    fn each_editor_gets_the_line_its_way() {
        let cases: &[(&str, &[&str])] = &[
            ("vi", &["vi", "+12", "/books/deals.yaml"]),
            ("vim", &["vim", "+12", "/books/deals.yaml"]),
            (
                "/usr/bin/nvim",
                &["/usr/bin/nvim", "+12", "/books/deals.yaml"],
            ),
            ("nano", &["nano", "+12,7", "/books/deals.yaml"]),
            ("emacs -nw", &["emacs", "-nw", "+12:7", "/books/deals.yaml"]),
            (
                "emacsclient -t",
                &["emacsclient", "-t", "+12:7", "/books/deals.yaml"],
            ),
            ("kak", &["kak", "+12:7", "/books/deals.yaml"]),
            ("micro", &["micro", "/books/deals.yaml:12:7"]),
            ("hx", &["hx", "/books/deals.yaml:12:7"]),
            ("subl", &["subl", "--wait", "/books/deals.yaml:12:7"]),
            ("code", &["code", "--wait", "-g", "/books/deals.yaml:12:7"]),
            (
                "code --wait",
                &["code", "--wait", "-g", "/books/deals.yaml:12:7"],
            ),
            ("code -w", &["code", "-w", "-g", "/books/deals.yaml:12:7"]),
            ("gvim", &["gvim", "-f", "+12", "/books/deals.yaml"]),
            ("ed", &["ed", "/books/deals.yaml"]),
        ];
        for (editor, want) in cases {
            assert_eq!(args(editor), *want, "{editor}");
        }
    }

    #[test]
    fn visual_then_editor_then_vi() {
        assert_eq!(chosen(Some("nvim"), Some("nano")), "nvim");
        assert_eq!(chosen(Some("  "), Some("nano")), "nano");
        assert_eq!(chosen(None, Some("nano")), "nano");
        assert_eq!(chosen(None, None), "vi");
        assert_eq!(chosen(Some(""), Some("")), "vi");
    }

    #[test]
    fn a_line_or_column_of_zero_is_the_first() {
        let c = command("nano", Path::new("b.yaml"), 0, 0);
        assert_eq!(c.args, ["+1,1", "b.yaml"]);
    }
}
