//! Builds one article's text while recording the ground truth: quote marks in the outlet's
//! style, the byte span of every quotation, and how each speaker has been mentioned so far.

use super::rng::Rng;
use super::truth::{ArticleTruth, NotQuoteTruth, QuoteTruth, speaker_id};
use super::world::{Outlet, Speaker, World};

/// What the truth records about a quotation besides its span.
#[derive(Clone, Debug)]
pub(crate) struct QuoteMeta {
    /// Statement id.
    pub(crate) statement: String,
    /// Attributed speaker, or `None` for a role.
    pub(crate) speaker: Option<u32>,
    /// Canonical name or role phrase.
    pub(crate) speaker_name: String,
    /// The mention as written.
    pub(crate) mention: String,
    /// Who really said it.
    pub(crate) true_speaker: u32,
    /// `full` or `partial`.
    pub(crate) kind: &'static str,
    /// Attribution style.
    pub(crate) style: &'static str,
    /// Relation to the original wording.
    pub(crate) variant: &'static str,
}

/// An article under construction.
pub(crate) struct Writer<'w> {
    /// The text so far.
    pub(crate) text: String,
    /// The truth so far.
    pub(crate) truth: ArticleTruth,
    /// The outlet whose style is used.
    pub(crate) outlet: &'static Outlet,
    /// The cast.
    pub(crate) world: &'w World,
    para_sep: &'static str,
    seen: Vec<u32>,
    /// The speaker of the most recent quotation, for pronouns and continuations.
    pub(crate) last_quoted: Option<u32>,
    /// The person named most recently, whom a pronoun would refer to.
    pub(crate) last_named: Option<u32>,
}

impl<'w> Writer<'w> {
    /// Starts an empty article for `outlet`.
    pub(crate) fn new(world: &'w World, outlet: &'static Outlet, rng: &mut Rng) -> Self {
        let para_sep = if rng.chance(0.6) { "\n\n" } else { "\n" };
        Writer {
            text: String::with_capacity(4096),
            truth: ArticleTruth {
                outlet: outlet.name.to_string(),
                ..ArticleTruth::default()
            },
            outlet,
            world,
            para_sep,
            seen: Vec::new(),
            last_quoted: None,
            last_named: None,
        }
    }

    /// The speaker record.
    pub(crate) fn speaker(&self, id: u32) -> &'w Speaker {
        &self.world.speakers[id as usize]
    }

    /// Starts a new paragraph (nothing at the very beginning).
    pub(crate) fn para(&mut self) {
        if !self.text.is_empty() {
            self.text.push_str(self.para_sep);
        }
    }

    /// Appends plain text.
    pub(crate) fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn open_mark(&self, single: bool) -> &'static str {
        match (single, self.outlet.curly) {
            (false, true) => "\u{201C}",
            (false, false) => "\"",
            (true, true) => "\u{2018}",
            (true, false) => "'",
        }
    }

    fn close_mark(&self, single: bool) -> &'static str {
        match (single, self.outlet.curly) {
            (false, true) => "\u{201D}",
            (false, false) => "\"",
            (true, true) => "\u{2019}",
            (true, false) => "'",
        }
    }

    /// Appends an opening mark, `words`, and (unless `left_open`) a closing mark, and records
    /// the quotation.
    pub(crate) fn quote(&mut self, words: &str, meta: &QuoteMeta, single: bool, left_open: bool) {
        self.text.push_str(self.open_mark(single));
        let start = self.text.len();
        self.text.push_str(words);
        let end = self.text.len();
        if !left_open {
            self.text.push_str(self.close_mark(single));
        }
        self.truth.quotes.push(QuoteTruth {
            start,
            end,
            text: words.to_string(),
            statement: meta.statement.clone(),
            speaker: meta.speaker.map(speaker_id),
            speaker_name: meta.speaker_name.clone(),
            mention: meta.mention.clone(),
            true_speaker: speaker_id(meta.true_speaker),
            kind: meta.kind,
            style: meta.style,
            variant: meta.variant,
        });
        self.last_quoted = meta.speaker;
    }

    /// Appends a quoted string that is not a quotation (a title or scare quotes).
    pub(crate) fn not_quote(&mut self, words: &str, why: &'static str) {
        self.text.push_str(self.open_mark(false));
        let start = self.text.len();
        self.text.push_str(words);
        let end = self.text.len();
        self.text.push_str(self.close_mark(false));
        self.truth
            .not_quotes
            .push(NotQuoteTruth { start, end, why });
    }

    /// True once the article has named this speaker.
    pub(crate) fn has_named(&self, id: u32) -> bool {
        self.seen.contains(&id)
    }

    /// The speaker's name in the outlet's spelling: title and full name on first mention
    /// ("Veshan Foreign Minister Sergei Dalov"), then mostly the surname.
    pub(crate) fn name(&mut self, id: u32, rng: &mut Rng) -> String {
        let s = self.speaker(id);
        let sp = self.outlet.spelling;
        self.last_named = Some(id);
        if self.seen.contains(&id) {
            return if rng.chance(0.85) {
                s.name.last_in(sp)
            } else {
                s.name.full_in(sp)
            };
        }
        self.seen.push(id);
        match s.title() {
            Some(t) if rng.chance(0.8) => format!("{t} {}", s.name.full_in(sp)),
            _ => s.name.full_in(sp),
        }
    }

    /// The full name with no title, marking the speaker as named (for appositives:
    /// `said Yuri Ushakov, an advisor to …`).
    pub(crate) fn bare_name(&mut self, id: u32) -> String {
        self.last_named = Some(id);
        if !self.seen.contains(&id) {
            self.seen.push(id);
        }
        self.speaker(id).name.full_in(self.outlet.spelling)
    }

    /// Finishes the article.
    pub(crate) fn finish(self) -> (String, ArticleTruth) {
        (self.text, self.truth)
    }
}
