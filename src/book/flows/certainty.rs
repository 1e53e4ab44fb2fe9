//! How certain money is, by its deal's status: *committed* (closed, signed, announced), *in
//! talks* (negotiating, rumored) or *cancelled* (counted nowhere). Every total keeps the three
//! apart, so "$14B" done never reads as "$14B + at least $50B" still being discussed.

use super::interval::{Contribution, Totals};
use crate::book::model::Status;

/// Where a flow's money counts, by the status of its deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// Closed, signed or announced.
    Committed,
    /// Negotiating or rumored.
    Talks,
    /// Cancelled: listed when asked for, never added to anything.
    Cancelled,
}

impl Certainty {
    pub fn of(status: Status) -> Certainty {
        match status {
            Status::Closed | Status::Signed | Status::Announced => Certainty::Committed,
            Status::Negotiating | Status::Rumored => Certainty::Talks,
            Status::Cancelled => Certainty::Cancelled,
        }
    }

    /// The word after an amount: "$14B committed", "≥ $50B in talks".
    pub fn label(self) -> &'static str {
        match self {
            Certainty::Committed => "committed",
            Certainty::Talks => "in talks",
            Certainty::Cancelled => "cancelled",
        }
    }
}

/// Which deal statuses a view of the flows takes in: a set of [`Status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusSet(u8);

impl StatusSet {
    /// Closed, signed and announced deals.
    pub const COMMITTED: StatusSet =
        StatusSet::of(&[Status::Closed, Status::Signed, Status::Announced]);
    /// Negotiating and rumored deals.
    pub const TALKS: StatusSet = StatusSet::of(&[Status::Negotiating, Status::Rumored]);
    /// Committed and in talks: every deal but the cancelled ones (the default).
    pub const LIVE: StatusSet = StatusSet(Self::COMMITTED.0 | Self::TALKS.0);
    /// Every deal, cancelled ones too (their money is shown apart, never added).
    pub const ALL: StatusSet = StatusSet(Self::LIVE.0 | StatusSet::of(&[Status::Cancelled]).0);

    pub const fn of(statuses: &[Status]) -> StatusSet {
        let mut bits = 0u8;
        let mut i = 0;
        while i < statuses.len() {
            bits |= 1 << statuses[i] as u8;
            i += 1;
        }
        StatusSet(bits)
    }

    pub fn contains(self, s: Status) -> bool {
        self.0 & (1 << s as u8) != 0
    }

    /// Reads `committed`, `talks`, `all`, or statuses, separated by commas: `negotiating,rumored`,
    /// `committed,cancelled`. The message of an error names the word and what is expected.
    pub fn parse(text: &str) -> Result<StatusSet, String> {
        let mut bits = 0u8;
        for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            bits |= match word {
                "committed" => Self::COMMITTED.0,
                "talks" => Self::TALKS.0,
                "live" => Self::LIVE.0,
                "all" => Self::ALL.0,
                w => match Status::parse(w) {
                    Some(s) => 1 << s as u8,
                    None => {
                        return Err(format!(
                            "unknown status '{w}'; expected committed, talks, all, or statuses among {}",
                            Status::NAMES.join(", ")
                        ));
                    }
                },
            };
        }
        if bits == 0 {
            return Err(
                "no status given; expected committed, talks, all, or a list of statuses".into(),
            );
        }
        Ok(StatusSet(bits))
    }

    /// How a view is named — in the explorer's titles and messages, the CLI's SVG — as
    /// "committed", "in talks", "committed + in talks", "all deals", or its statuses.
    pub fn name(self) -> String {
        match self {
            Self::COMMITTED => "committed".into(),
            Self::TALKS => "in talks".into(),
            Self::LIVE => "committed + in talks".into(),
            Self::ALL => "all deals".into(),
            _ => Status::ALL
                .iter()
                .filter(|s| self.contains(**s))
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// The statuses in the set, in the format's order.
    pub fn statuses(self) -> Vec<Status> {
        Status::ALL
            .iter()
            .copied()
            .filter(|s| self.contains(*s))
            .collect()
    }

    /// The explorer's `v`: committed → committed + in talks → all → committed. Any other set
    /// goes to committed.
    pub fn next_view(self) -> StatusSet {
        match self {
            Self::COMMITTED => Self::LIVE,
            Self::LIVE => Self::ALL,
            _ => Self::COMMITTED,
        }
    }
}

impl Default for StatusSet {
    fn default() -> Self {
        StatusSet::LIVE
    }
}

/// What some flows add up to: money per currency, undisclosed amounts counted, stakes listed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Amounts {
    /// Money, per currency.
    pub totals: Totals,
    /// Flows with no amount, one that cannot be read, or a member's share of a syndicate.
    pub undisclosed: usize,
    /// Quantities that are not money totals (stakes, counts, rates), in their human form.
    pub stakes: Vec<String>,
    /// How many flows were added.
    pub flows: usize,
}

impl Amounts {
    pub fn add(&mut self, c: &Contribution) {
        self.flows += 1;
        match c {
            Contribution::Money { unit, interval } => self.totals.add(unit, *interval),
            Contribution::Listed(text) => self.stakes.push(text.clone()),
            Contribution::Undisclosed => self.undisclosed += 1,
        }
    }

    /// No flow at all.
    pub fn is_empty(&self) -> bool {
        self.flows == 0
    }

    /// "$14B + 1 undisclosed; ≤ 10% of AMD" (see [`super::amounts_text`]); empty when no flow.
    pub fn text(&self) -> String {
        super::amounts_text(&self.totals, self.undisclosed, &self.stakes)
    }

    /// Both amounts added up.
    pub fn merged(&self, other: &Amounts) -> Amounts {
        let mut out = self.clone();
        for t in &other.totals.0 {
            out.totals.add(&t.unit, t.interval());
        }
        out.undisclosed += other.undisclosed;
        out.stakes.extend(other.stakes.iter().cloned());
        out.flows += other.flows;
        out
    }
}

/// Amounts kept apart by certainty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parts {
    pub committed: Amounts,
    pub talks: Amounts,
    pub cancelled: Amounts,
}

impl Parts {
    pub fn get(&self, c: Certainty) -> &Amounts {
        match c {
            Certainty::Committed => &self.committed,
            Certainty::Talks => &self.talks,
            Certainty::Cancelled => &self.cancelled,
        }
    }

    pub fn add(&mut self, c: Certainty, contribution: &Contribution) {
        match c {
            Certainty::Committed => &mut self.committed,
            Certainty::Talks => &mut self.talks,
            Certainty::Cancelled => &mut self.cancelled,
        }
        .add(contribution);
    }

    /// The parts that have a flow, in order: committed, in talks, cancelled.
    pub fn present(&self) -> impl Iterator<Item = (Certainty, &Amounts)> {
        [Certainty::Committed, Certainty::Talks, Certainty::Cancelled]
            .into_iter()
            .map(|c| (c, self.get(c)))
            .filter(|(_, a)| !a.is_empty())
    }

    /// No flow in any part.
    pub fn is_empty(&self) -> bool {
        self.present().next().is_none()
    }

    pub fn flows(&self) -> usize {
        self.committed.flows + self.talks.flows + self.cancelled.flows
    }

    /// Only the parts whose deals a view takes in: for [`StatusSet::COMMITTED`] the
    /// committed part, for the default the committed and in-talks parts, for
    /// [`StatusSet::ALL`] all three. (A part is kept when the set holds any of its statuses.)
    pub fn only(&self, set: StatusSet) -> Parts {
        let keep = |c: Certainty, a: &Amounts| {
            let any = Status::ALL
                .iter()
                .any(|s| Certainty::of(*s) == c && set.contains(*s));
            if any { a.clone() } else { Amounts::default() }
        };
        Parts {
            committed: keep(Certainty::Committed, &self.committed),
            talks: keep(Certainty::Talks, &self.talks),
            cancelled: keep(Certainty::Cancelled, &self.cancelled),
        }
    }

    /// What counts in a total: committed and in-talks money together (cancelled never does).
    /// For sizes and bars; texts keep the parts apart.
    pub fn counted(&self) -> Amounts {
        self.committed.merged(&self.talks)
    }

    /// Committed money alone is shown bare ("$14B"); as soon as another part is there, each is
    /// labelled: "$14B committed · ≥ $50B in talks", "≥ $50B in talks". "no flow" when empty.
    pub fn text(&self) -> String {
        let parts: Vec<(Certainty, &Amounts)> = self.present().collect();
        match parts.as_slice() {
            [] => "no flow".into(),
            [(Certainty::Committed, a)] => a.text(),
            // "$14B committed · ≥ $50B in talks"; a part of several amounts reads with its
            // label first, so that the label is not taken for its last amount's:
            // "committed: $14B + 2 undisclosed; ≤ 10% of AMD · in talks: ≥ $50B".
            _ => parts
                .iter()
                .map(|(c, a)| {
                    let text = a.text();
                    if text.contains(" + ") || text.contains("; ") {
                        format!("{}: {text}", c.label())
                    } else {
                        format!("{text} {}", c.label())
                    }
                })
                .collect::<Vec<_>>()
                .join(" · "),
        }
    }
}
