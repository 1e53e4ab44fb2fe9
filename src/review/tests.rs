//! Keys, fingerprints, toggling, orphans, the merge of two writers, and unreadable files.

use super::report::{rows, unreviewed_deals};
use super::*;
use crate::book::{Book, load_str};
use std::fs;

const BOOK: &str = "\
entities:
  - {id: amd, name: AMD}
  - {id: openai, name: OpenAI}
  - {id: nvidia, name: Nvidia}
deals:
  - id: amd-openai
    title: AMD grants OpenAI up to 10% of its shares
    status: announced
    parties: [amd, openai]
    terms: [\"up to 10% of AMD\", \"6 GW\", \"6 GW\"]
    flows:
      - {from: amd, to: openai, kind: equity, amount: \"up to 10% of AMD\"}
      - {from: openai, to: amd, kind: payment}
  - id: nvidia-openai
    title: Nvidia invests up to $100B in OpenAI
    status: announced
    parties: [nvidia, openai]
    flows:
      - {from: nvidia, to: openai, kind: investment, amount: \"up to $100B\"}
";

fn book(text: &str) -> Book {
    let loaded = load_str(text);
    loaded
        .book
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
}

fn keys(b: &Book) -> Vec<String> {
    let mut k: Vec<String> = key::index(b, &[]).into_keys().collect();
    k.sort();
    k
}

#[test]
fn keys_name_records_by_id_and_content() {
    let b = book(BOOK);
    let k = |r| key(&b, &[], r).expect("a key");
    assert_eq!(k(Record::Deal(0)), "deal:amd-openai");
    assert_eq!(k(Record::Entity(1)), "entity:openai");
    assert_eq!(
        k(Record::Term { deal: 0, term: 0 }),
        "deal:amd-openai/term/up to 10% of AMD"
    );
    // The same term written twice is told apart by a count.
    assert_eq!(
        k(Record::Term { deal: 0, term: 2 }),
        "deal:amd-openai/term/6 GW#2"
    );
    assert_eq!(
        k(Record::Flow { deal: 0, flow: 1 }),
        "deal:amd-openai/flow/openai->amd/payment"
    );
    assert_eq!(
        k(Record::Edge {
            from: 2,
            to: 1,
            kind: crate::book::FlowKind::Investment
        }),
        "flow:nvidia->openai/investment"
    );
    assert_eq!(key(&b, &[], Record::Deal(9)), None);
    // Every key of the index names the record it came from.
    for (k, r) in key::index(&b, &[]) {
        assert_eq!(key(&b, &[], r).as_deref(), Some(k.as_str()));
    }
}

#[test]
fn keys_survive_edits_of_other_records_and_reordering() {
    let before = keys(&book(BOOK));
    // The deals swapped, a new entity first, a new term and a flow added to the other deal.
    let (first, second) = BOOK.split_at(BOOK.find("  - id: nvidia-openai").expect("deal"));
    let head = first.replace(
        "entities:\n",
        "entities:\n  - {id: msft, name: Microsoft}\n",
    );
    let (head, amd) = head.split_at(head.find("  - id: amd-openai").expect("deal"));
    let edited = format!("{head}{second}{amd}");
    let after = keys(&book(&edited));
    for k in &before {
        assert!(after.contains(k), "{k} lost after an unrelated edit");
    }
}

#[test]
fn a_fingerprint_changes_with_its_record_only() {
    let a = book(BOOK);
    let b = book(&BOOK.replace("Nvidia invests up to $100B", "Nvidia invests up to $90B"));
    let fp = |b: &Book, r| fingerprint(b, &[], r).expect("a fingerprint");
    assert_ne!(fp(&a, Record::Deal(1)), fp(&b, Record::Deal(1)));
    assert_eq!(fp(&a, Record::Deal(0)), fp(&b, Record::Deal(0)));
    assert_eq!(fp(&a, Record::Entity(2)), fp(&b, Record::Entity(2)));
    // Formatting is not content.
    let c = book(&BOOK.replace("status: announced", "status:    announced   # as reported"));
    assert_eq!(fp(&a, Record::Deal(0)), fp(&c, Record::Deal(0)));
    // A term change changes its deal too (a deal's review covers its terms).
    let d = book(&BOOK.replace("\"6 GW\", \"6 GW\"", "\"6 GW\", \"7 GW\""));
    assert_ne!(fp(&a, Record::Deal(0)), fp(&d, Record::Deal(0)));
    assert_eq!(
        fp(&a, Record::Term { deal: 0, term: 0 }),
        fp(&d, Record::Term { deal: 0, term: 0 })
    );
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn marks_in(dir: &tempfile::TempDir) -> Marks {
    Marks::at(Some(dir.path().join("deals.review.yaml")), None, None)
}

#[test]
fn toggling_marks_and_unmarks() {
    let d = temp();
    let b = book(BOOK);
    let mut m = marks_in(&d);
    let at = "2026-12-02T08:00:00Z";
    let mark = m
        .toggle(&b, &[], Record::Deal(0), Toggle::Reviewed, at)
        .expect("toggled")
        .expect("a mark");
    assert!(mark.reviewed && !mark.flagged);
    assert_eq!(
        mark.title.as_deref(),
        Some("AMD grants OpenAI up to 10% of its shares")
    );
    let s = m.status(&b, &[], Record::Deal(0)).expect("a status");
    assert_eq!((s.glyph(), s.is_current_review()), ('✓', true));
    m.toggle(&b, &[], Record::Deal(0), Toggle::Flagged, at)
        .expect("flag");
    assert_eq!(
        m.status(&b, &[], Record::Deal(0)).map(Status::glyph),
        Some('!')
    );
    m.toggle(&b, &[], Record::Deal(0), Toggle::Flagged, at)
        .expect("unflag");
    m.toggle(&b, &[], Record::Deal(0), Toggle::Reviewed, at)
        .expect("unreview");
    assert!(m.is_empty(), "a mark with nothing set is removed");
    assert!(m.is_dirty());
}

#[test]
fn a_changed_record_reads_as_changed_and_unreviewed_until_reviewed_again() {
    let d = temp();
    let old = book(BOOK);
    let mut m = marks_in(&d);
    let at = "2026-12-02T08:00:00Z";
    m.toggle(&old, &[], Record::Deal(1), Toggle::Reviewed, at)
        .expect("toggled");
    let new = book(&BOOK.replace("up to $100B\"}", "up to $90B\"}"));
    let s = m.status(&new, &[], Record::Deal(1)).expect("a status");
    assert!(s.changed && s.reviewed && !s.is_current_review());
    assert_eq!(s.glyph(), '~');
    assert_eq!(unreviewed_deals(&new, &[], &m), [0, 1]);
    assert_eq!(unreviewed_deals(&old, &[], &m), [0]);
    let (_, sum) = rows(&new, &[], &m);
    assert_eq!(
        (sum.changed, sum.reviewed, sum.deals_unreviewed()),
        (1, 0, 2)
    );
    // Reviewing it again confirms the new content.
    m.toggle(&new, &[], Record::Deal(1), Toggle::Reviewed, at)
        .expect("again");
    assert!(
        m.status(&new, &[], Record::Deal(1))
            .expect("status")
            .is_current_review()
    );
}

#[test]
fn orphans_are_kept_and_listed_with_their_old_title() {
    let d = temp();
    let b = book(BOOK);
    let mut m = marks_in(&d);
    m.toggle(
        &b,
        &[],
        Record::Deal(1),
        Toggle::Flagged,
        "2026-12-02T08:00:00Z",
    )
    .expect("toggled");
    m.save().expect("saved");
    let gone = book(&BOOK[..BOOK.find("  - id: nvidia-openai").expect("deal")]);
    let m = marks_in(&d);
    let (rows, sum) = rows(&gone, &[], &m);
    assert_eq!(sum.orphaned, 1);
    assert!(rows[0].is_orphan());
    assert_eq!(rows[0].title, "Nvidia invests up to $100B in OpenAI");
    // Saving other changes keeps the orphan.
    let mut m = marks_in(&d);
    m.toggle(
        &gone,
        &[],
        Record::Deal(0),
        Toggle::Reviewed,
        "2026-12-02T08:01:00Z",
    )
    .expect("toggled");
    m.save().expect("saved");
    assert!(marks_in(&d).get("deal:nvidia-openai").is_some());
}

#[test]
fn two_writers_keep_each_others_marks() {
    let d = temp();
    let b = book(BOOK);
    let at = "2026-12-02T08:00:00Z";
    let mut one = marks_in(&d);
    let mut two = marks_in(&d);
    one.toggle(&b, &[], Record::Deal(0), Toggle::Reviewed, at)
        .expect("one");
    one.save().expect("one saves");
    two.toggle(&b, &[], Record::Deal(1), Toggle::Flagged, at)
        .expect("two");
    two.save().expect("two saves");
    // Two's save read one's mark and kept it, and two now sees it.
    assert!(two.get("deal:amd-openai").is_some());
    let read = marks_in(&d);
    assert!(read.get("deal:amd-openai").is_some_and(|m| m.reviewed));
    assert!(read.get("deal:nvidia-openai").is_some_and(|m| m.flagged));
    // One removing its mark removes only that one.
    one.toggle(&b, &[], Record::Deal(0), Toggle::Reviewed, at)
        .expect("unmark");
    one.save().expect("one saves again");
    let read = marks_in(&d);
    assert_eq!(
        read.iter().map(|(k, _)| k).collect::<Vec<_>>(),
        ["deal:nvidia-openai"]
    );
}

#[test]
fn an_unreadable_file_is_reported_at_its_position_and_never_written() {
    let d = temp();
    let path = d.path().join("deals.review.yaml");
    let text = "version: 1\nmarks:\n  deal:amd-openai:\n    reviewd: true\n    at: x\n    fingerprint: y\n";
    fs::write(&path, text).expect("write");
    let mut m = marks_in(&d);
    let why = m.problem().expect("a problem").to_string();
    assert!(why.contains("deals.review.yaml:4:5: "), "{why}");
    assert!(why.contains("reviewd"), "{why}");
    let b = book(BOOK);
    let err = m
        .toggle(&b, &[], Record::Deal(0), Toggle::Reviewed, "t")
        .expect_err("read-only");
    assert!(matches!(err, ReviewError::ReadOnly(_)), "{err}");
    assert!(m.save().is_err());
    assert_eq!(fs::read_to_string(&path).expect("read"), text);

    // A file that breaks while a session has changes is not written over either.
    fs::write(&path, "version: 1\n").expect("write");
    let mut m = marks_in(&d);
    m.toggle(&b, &[], Record::Deal(0), Toggle::Reviewed, "t")
        .expect("toggled");
    fs::write(&path, "version: 1\nmarks: [oops\n").expect("write");
    let err = m.save().expect_err("unreadable");
    assert!(
        matches!(err, ReviewError::Unreadable { line: 2, .. }),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        "version: 1\nmarks: [oops\n"
    );
    assert!(m.problem().is_some());
}

#[test]
fn a_newer_version_is_not_read_nor_written() {
    let d = temp();
    let path = d.path().join("deals.review.yaml");
    fs::write(&path, "version: 2\nmarks: {}\n").expect("write");
    let m = marks_in(&d);
    let why = m.problem().expect("a problem");
    assert!(why.contains(":1:10: version 2"), "{why}");
}

#[test]
fn a_file_of_comments_or_nothing_holds_no_marks() {
    let d = temp();
    let path = d.path().join("deals.review.yaml");
    fs::write(&path, "# nothing yet\n\n").expect("write");
    let m = marks_in(&d);
    assert!(m.problem().is_none() && m.is_empty());
}

#[test]
fn the_book_is_never_the_marks_file() {
    let d = temp();
    let path = d.path().join("deals.yaml");
    fs::write(&path, BOOK).expect("write");
    let b = book(BOOK);
    let mut m = Marks::at(Some(path.clone()), None, Some(path.clone()));
    m.toggle(&b, &[], Record::Deal(0), Toggle::Reviewed, "t")
        .expect("toggled");
    assert!(matches!(m.save(), Err(ReviewError::IsBook(_))));
    assert_eq!(fs::read_to_string(&path).expect("read"), BOOK);
}

#[test]
fn sidecars_sit_beside_the_book() {
    use std::path::Path;
    assert_eq!(
        sidecar_path(Path::new("a/deals.yaml")),
        Path::new("a/deals.review.yaml")
    );
    assert_eq!(
        sidecar_path(Path::new("deals.yml")),
        Path::new("deals.review.yaml")
    );
    assert_eq!(
        sidecar_path(Path::new("book")),
        Path::new("book.review.yaml")
    );
}

#[test]
fn what_is_written_reads_back() {
    let d = temp();
    let b = book(BOOK);
    let mut m = marks_in(&d);
    m.toggle(
        &b,
        &[],
        Record::Term { deal: 0, term: 0 },
        Toggle::Reviewed,
        "2026-12-02T08:00:00Z",
    )
    .expect("toggled");
    let key = "deal:amd-openai/term/up to 10% of AMD";
    m.set(
        key,
        m.get(key).cloned().map(|mut x| {
            x.note = Some("checked: \"10%\" — it's the source's words".into());
            x
        }),
    )
    .expect("noted");
    let written = m.save().expect("saved").expect("a file");
    let text = fs::read_to_string(&written).expect("read");
    assert!(text.starts_with("# Review marks"), "{text}");
    let again = marks_in(&d);
    assert_eq!(again.get(key), m.get(key));
    assert!(again.problem().is_none());
}

/// Every record's key and fingerprint, one a line, in key order.
fn prints(b: &Book) -> String {
    let loops = crate::book::flows::find_cycles(b, &crate::book::flows::Limits::default()).cycles;
    let mut all: Vec<(String, String)> = key::index(b, &loops)
        .into_iter()
        .map(|(k, r)| (k, fingerprint(b, &loops, r).expect("a fingerprint")))
        .collect();
    all.sort();
    all.iter().map(|(k, f)| format!("{k} {f}\n")).collect()
}

/// Fingerprints are written into review files: the same records must keep the same ones from
/// one version of dealbook to the next. Pinned over every record of the bundled book and of a
/// synthetic one (each kind of record, syndicates, loops, metrics, sources with and without
/// their optional fields).
#[test]
fn fingerprints_stay_what_they_were() {
    let bundled = crate::book::load_bundled().book.expect("the bundled book");
    let synth = crate::synth::Synth::new(300).book();
    let pin = |b: &Book| format!("{:016x}", key::fnv1a64(prints(b).as_bytes()));
    assert_eq!(pin(&bundled), "3ffe73a702508bb7");
    assert_eq!(pin(&synth), "149010b20d5e9127");
}

/// `resolve` finds every record `index` has, by the same key, and nothing for a key that names
/// nothing (orphans: gone ids, parts and edges that are not in the book, other kinds).
#[test]
fn resolve_agrees_with_the_index_of_every_record() {
    for b in [
        crate::book::load_bundled().book.expect("bundled"),
        book(BOOK),
        load_str(&crate::synth::book_yaml(300))
            .book
            .expect("synthetic"),
    ] {
        let loops =
            crate::book::flows::find_cycles(&b, &crate::book::flows::Limits::default()).cycles;
        let index = key::index(&b, &loops);
        assert!(index.len() > 10);
        for (k, r) in &index {
            assert_eq!(key::resolve(&b, &loops, k), Some(*r), "{k}");
        }
        for gone in [
            "deal:no-such-deal",
            "entity:no-such/metric/revenue@2025",
            "source:",
            "flow:openai->openai/investment",
            "flow:amd->openai/kind-of-nothing",
            "loop:zzz->yyy",
            "nothing",
            "deal:amd-openai/term/up to 99% of AMD",
            "deal:amd-openai/flow/amd->nvidia/equity",
            "deal:amd-openai/term/6 GW#3",
        ] {
            assert_eq!(key::resolve(&b, &loops, gone), None, "{gone}");
        }
    }
}
