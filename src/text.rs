//! Text measured in terminal columns: cut, pad and wrap to a width, and bars of block characters.
//! One place for the explorer's panes and the headless commands' tables alike.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` cut to at most `w` columns, ending in '…' when cut.
pub fn clip(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// `s` cut or padded to exactly `w` columns (cut ones end in '…').
pub fn fit(s: &str, w: usize) -> String {
    if w == 0 {
        return String::new();
    }
    pad(&clip(s, w), w)
}

/// `s` cut or padded to exactly `w` columns, a cut made in the middle ("OpenAI infra…with
/// CoreWeave"), for titles whose ends tell them apart.
pub fn fit_middle(s: &str, w: usize) -> String {
    if s.width() <= w || w < 8 {
        return fit(s, w);
    }
    let tail_w = (w - 1) * 2 / 5;
    let head = clip(s, w - tail_w);
    let mut tail = String::new();
    for c in s.chars().rev() {
        if tail.width() + c.width().unwrap_or(0) > tail_w {
            break;
        }
        tail.insert(0, c);
    }
    pad(&format!("{head}{}", tail.trim_start()), w)
}

/// `s` padded with spaces on the right to at least `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
}

/// Words wrapped to `width` columns; a word longer than a line is cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let sep = usize::from(!cur.is_empty());
        if cur.width() + sep + word.width() > width && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if word.width() > width {
            for c in word.chars() {
                if cur.width() + c.width().unwrap_or(0) > width {
                    lines.push(std::mem::take(&mut cur));
                }
                cur.push(c);
            }
            continue;
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// A bar of `eighths` eighths of a cell, drawn with block characters.
pub fn bar(eighths: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let mut s = "█".repeat(eighths / 8);
    s.push_str(PARTS[eighths % 8]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_middle_cut_keeps_both_ends() {
        let a = fit_middle("OpenAI infrastructure contract with Oracle", 20);
        let b = fit_middle("OpenAI infrastructure contract with CoreWeave", 20);
        assert_eq!((a.width(), b.width()), (20, 20));
        assert_ne!(a, b);
        assert!(
            a.starts_with("OpenAI infr") && a.trim_end().ends_with("Oracle"),
            "{a}"
        );
        assert!(b.contains('…') && b.trim_end().ends_with("Weave"), "{b}");
        assert_eq!(fit_middle("short", 20), fit("short", 20));
    }

    #[test]
    fn clip_cuts_with_an_ellipsis_only_when_needed() {
        assert_eq!(clip("OpenAI", 6), "OpenAI");
        assert_eq!(clip("OpenAI", 4), "Ope…");
        assert_eq!(clip("日本語", 4), "日…");
        assert_eq!(clip("OpenAI", 0), "…");
    }

    #[test]
    fn fit_gives_exactly_the_width() {
        assert_eq!(fit("AMD", 5), "AMD  ");
        assert_eq!(fit("OpenAI", 4), "Ope…");
        assert_eq!(fit("日本語", 5), "日本…");
        assert_eq!(fit("日本語", 4), "日… ");
        assert_eq!(fit("OpenAI", 0), "");
        for w in 0..12 {
            assert_eq!(fit("Nvidia → 日本 OpenAI", w).width(), w);
        }
    }

    #[test]
    fn wrap_keeps_words_and_cuts_long_ones() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("abcdef", 4), ["abcd", "ef"]);
        assert!(wrap("   ", 4).is_empty());
    }

    #[test]
    fn bars_count_eighths() {
        assert_eq!(bar(0), "");
        assert_eq!(bar(9), "█▏");
        assert_eq!(bar(16), "██");
    }
}
