//! How one outlet renders one statement: which wording (verbatim, trimmed, reworded, a fragment)
//! and which attribution style (`"…," X said`, `X said: "…"`, `said X, the …`, continuation
//! paragraphs, a paragraph left open, pronouns, an unnamed spokesperson, …).

use super::event::{Event, Statement};
use super::rng::Rng;
use super::truth::speaker_id;
use super::writer::{QuoteMeta, Writer};

const CUES: [&str; 14] = [
    "said",
    "said",
    "said",
    "said",
    "said",
    "said",
    "added",
    "stressed",
    "insisted",
    "warned",
    "noted",
    "emphasized",
    "argued",
    "asserted",
];
const WHERE: [&str; 6] = [
    "",
    "",
    " at a news conference in {city}",
    " in a statement",
    " after the meeting",
    " on Tuesday",
];
const REWORDS: [(&str, &str); 9] = [
    (" will not ", " won't "),
    (" cannot ", " can't "),
    ("We are ", "We're "),
    (" do not ", " don't "),
    (" important ", " significant "),
    (" very ", " "),
    ("We have ", "We've "),
    ("Nobody ", "No one "),
    (" toward ", " towards "),
];

/// Ends a quoted sentence with a comma before an attribution (`"…," he said`).
fn with_comma(s: &str) -> String {
    match s.strip_suffix('.') {
        Some(body) => format!("{body},"),
        None => s.to_string(),
    }
}

/// A fragment of a sentence for reported speech: a clause of 3–10 words (split at commas,
/// colons, semicolons and "that"), else the sentence's first 3–8 words; no final punctuation.
pub(crate) fn fragment(sentence: &str, rng: &mut Rng) -> String {
    let body = sentence.trim_end_matches(['.', '!', '?']);
    let clauses: Vec<&str> = body
        .split([',', ':', ';'])
        .flat_map(|c| c.split(" that "))
        .map(|c| {
            c.trim()
                .trim_start_matches("but ")
                .trim_start_matches("and ")
        })
        .filter(|c| (3..=10).contains(&c.split(' ').count()))
        .collect();
    let mut out = if clauses.is_empty() {
        let words: Vec<&str> = body.split(' ').collect();
        let len = rng.range(3, 8).min(words.len());
        words[..len].join(" ")
    } else {
        clauses[rng.below(clauses.len())].to_string()
    };
    // A fragment embedded in reported speech starts in lower case, like the sentence around it.
    let first = out.split(' ').next().unwrap_or("");
    if LOWER_IN_FRAGMENT.contains(&first) {
        out.replace_range(..1, &out[..1].to_lowercase());
    }
    out
}

/// Sentence-initial words that a partial quote writes in lower case (names keep their capital).
const LOWER_IN_FRAGMENT: [&str; 22] = [
    "We", "We're", "We've", "Our", "The", "Nobody", "It", "It's", "This", "There", "Time",
    "Anyone", "Everyone", "Today", "Let", "Frankly", "If", "For", "What", "Nothing", "That",
    "These",
];

/// Renders `st` into the writer as one or two paragraphs.
pub(crate) fn render_statement(w: &mut Writer<'_>, ev: &Event, st: &Statement, rng: &mut Rng) {
    let mut speaker = st.speaker;
    if ev.participants.len() > 1 && rng.chance(0.02) {
        speaker = *rng.pick(&ev.participants);
    }
    let mut sentences = st.sentences.clone();
    let variant = match rng.weighted(&[60, 15, 12, 13]) {
        1 if sentences.len() > 1 => {
            if rng.chance(0.5) {
                sentences.truncate(1);
            } else {
                sentences.remove(0);
            }
            "trimmed"
        }
        2 => {
            let joined = sentences.join(" ");
            match REWORDS.iter().find(|(from, _)| joined.contains(from)) {
                Some((from, to)) => {
                    sentences = vec![joined.replacen(from, to, 1)];
                    "reworded"
                }
                None => "verbatim",
            }
        }
        3 => "fragment",
        _ => "verbatim",
    };
    let sp = w.speaker(speaker);
    let mut meta = QuoteMeta {
        statement: format!("e{}-s{}", ev.index, st.index),
        speaker: Some(speaker),
        speaker_name: sp.name.canonical(),
        mention: String::new(),
        true_speaker: st.speaker,
        kind: "full",
        style: "",
        variant,
    };
    w.para();
    if variant == "fragment" {
        let frag = fragment(&sentences[rng.below(sentences.len())], rng);
        meta.kind = "partial";
        meta.mention = w.name(speaker, rng);
        let (lead, style) = rng.choose(&[
            (" said that ", "partial_said_that"),
            (" acknowledged that ", "partial_acknowledged"),
            (" insisted that ", "partial_insisted"),
            (" told reporters that ", "partial_told"),
            (" added that ", "partial_added"),
        ]);
        meta.style = style;
        w.push(&meta.mention.clone());
        w.push(lead);
        w.quote(&frag, &meta, false, false);
        w.push(".");
        return;
    }
    let content = sentences.join(" ");
    let cue = *rng.pick(&CUES);
    let pronoun_ok = w.last_quoted == Some(speaker) && w.last_named == Some(speaker);
    let weights = [
        30,                                        // said_after
        14,                                        // colon
        if w.has_named(speaker) { 0 } else { 10 }, // said_before
        6,                                         // told
        if sentences.len() > 1 { 10 } else { 0 },  // split
        if sentences.len() > 1 { 7 } else { 0 },   // continuation
        if sentences.len() > 1 { 4 } else { 0 },   // open_paragraph
        if pronoun_ok { 25 } else { 0 },           // pronoun
        3,                                         // wrote
        if sp.spokesperson { 20 } else { 0 },      // unnamed
        if w.has_named(speaker) { 1 } else { 0 },  // nocue
    ];
    match rng.weighted(&weights) {
        0 => {
            meta.style = "said_after";
            meta.mention = w.name(speaker, rng);
            w.quote(&with_comma(&content), &meta, false, false);
            if cue == "said" && rng.chance(0.2) {
                w.push(&format!(" said {}.", meta.mention));
            } else {
                let place = rng.pick(&WHERE).replace("{city}", ev.slots.city);
                w.push(&format!(" {} {cue}{place}.", meta.mention));
            }
        }
        1 => {
            meta.style = "colon";
            meta.mention = w.name(speaker, rng);
            let sep = if rng.chance(0.7) { ":" } else { "," };
            w.push(&format!("{} {cue}{sep} ", meta.mention));
            w.quote(&content, &meta, false, false);
        }
        2 => {
            meta.style = "said_before";
            meta.mention = w.bare_name(speaker);
            w.quote(&with_comma(&content), &meta, false, false);
            w.push(&format!(" said {}, {}.", meta.mention, sp.description()));
        }
        3 => {
            meta.style = "told";
            meta.mention = w.name(speaker, rng);
            w.push(&format!(
                "{} told reporters in {}: ",
                meta.mention, ev.slots.city
            ));
            w.quote(&content, &meta, false, false);
        }
        4 => {
            meta.style = "split";
            meta.mention = w.name(speaker, rng);
            w.quote(&with_comma(&sentences[0]), &meta, false, false);
            w.push(&format!(" {} {cue}. ", meta.mention));
            meta.style = "continuation";
            w.quote(&sentences[1..].join(" "), &meta, false, false);
        }
        5 | 6 => {
            let left_open = rng.chance(0.5);
            meta.mention = w.name(speaker, rng);
            if left_open {
                meta.style = "open_paragraph";
                w.push(&format!("{} {cue}: ", meta.mention));
                w.quote(&sentences[0], &meta, false, true);
            } else {
                meta.style = "said_after";
                w.quote(&with_comma(&sentences[0]), &meta, false, false);
                w.push(&format!(" {} {cue}.", meta.mention));
            }
            w.para();
            meta.style = "continuation";
            w.quote(&sentences[1..].join(" "), &meta, false, false);
        }
        7 => {
            meta.style = "pronoun";
            if rng.chance(0.5) {
                meta.mention = sp.pronoun(false).to_string();
                w.quote(&with_comma(&content), &meta, false, false);
                w.push(&format!(" {} {cue}.", meta.mention));
            } else {
                meta.mention = sp.pronoun(true).to_string();
                w.push(&format!("{} added: ", meta.mention));
                w.quote(&content, &meta, false, false);
            }
        }
        8 => {
            meta.style = "wrote";
            meta.mention = w.name(speaker, rng);
            w.push(&format!("{} wrote on social media: ", meta.mention));
            w.quote(&content, &meta, false, false);
        }
        9 => {
            meta.style = "unnamed_role";
            let role = sp.description();
            meta.speaker = None;
            meta.speaker_name = role.trim_start_matches("a ").to_string();
            meta.mention = role.clone();
            w.quote(&with_comma(&content), &meta, false, false);
            w.push(&format!(" {role} said in a statement."));
            w.last_quoted = None;
        }
        _ => {
            meta.style = "no_cue";
            meta.mention = w.name(speaker, rng);
            w.quote(&with_comma(&content), &meta, false, false);
            w.push(&format!(" {}.", meta.mention));
        }
    }
    debug_assert!(
        meta.speaker
            .is_none_or(|s| speaker_id(s).starts_with("spk-"))
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_replaces_only_a_final_period() {
        assert_eq!(
            with_comma("We will not be rushed."),
            "We will not be rushed,"
        );
        assert_eq!(with_comma("Why now?"), "Why now?");
    }

    #[test]
    fn fragments_are_short_runs_of_words() {
        let mut rng = Rng::derive(4, 4, 4);
        for s in [
            "Today we took an important step toward a lasting ceasefire, and that matters a lot.",
            "We will not be rushed by anyone in this room or outside it at all.",
            "Nobody should expect a breakthrough.",
        ] {
            for _ in 0..50 {
                let f = fragment(s, &mut rng);
                let n = f.split(' ').count();
                assert!((3..=10).contains(&n), "{f}");
                assert!(s.to_lowercase().contains(&f.to_lowercase()), "{f}");
                assert!(
                    !f.ends_with([',', '.']) && !f.starts_with(['W', 'N']),
                    "{f}"
                );
            }
        }
    }
}
