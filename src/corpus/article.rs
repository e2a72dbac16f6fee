//! One outlet's story about an event: headline, dateline and lede, background, the statements it
//! chose in the styles it chose, reported claims, and quoted strings that are not quotations.

use super::event::{Claim, Event};
use super::rng::Rng;
use super::styles::{fragment, render_statement};
use super::templates::{self, LEDES, SCARE, SHOWS, capitalise_at, month_name};
use super::time::DateTime;
use super::truth::{ArticleTruth, ClaimTruth, speaker_id};
use super::world::{OUTLETS, World};
use super::writer::{QuoteMeta, Writer};

/// Writes outlet `outlet`'s story about `ev`; `n` is the story's position in the event's
/// coverage, which seeds its choices.
pub(crate) fn write(
    world: &World,
    ev: &Event,
    outlet: usize,
    seed: u64,
    n: usize,
) -> (String, ArticleTruth) {
    let mut rng = Rng::derive(seed, 3, ev.index.wrapping_mul(64) + n as u64);
    let o = &OUTLETS[outlet];
    let mut w = Writer::new(world, o, &mut rng);
    w.truth.event = ev.index;

    headline(&mut w, ev, &mut rng);
    w.para();
    if o.wire || rng.chance(0.3) {
        let d = DateTime::from_unix_ms(ev.at_ms);
        let month = &month_name(d.month as usize - 1)[..3];
        w.push(&format!(
            "{}, {month} {} ({}) \u{2014} ",
            ev.slots.city.to_uppercase(),
            d.day,
            o.name
        ));
    } else if rng.chance(0.3) {
        w.push(&format!("({}) \u{2014} ", o.name));
    }
    let mut s = String::new();
    templates::sentence(rng.choose(LEDES), &ev.slots, &mut rng, &mut s);
    w.push(&s);
    let background = ev.background(&mut rng, 8);
    let mut background = background.into_iter();
    if let Some(b) = background.next() {
        w.push(" ");
        w.push(&b);
    }

    let mut chosen: Vec<usize> = (0..ev.statements.len())
        .filter(|_| rng.chance(0.75))
        .collect();
    if chosen.is_empty() {
        chosen.push(rng.below(ev.statements.len()));
    }
    chosen.truncate(8);
    let claims: Vec<&Claim> = ev.claims.iter().filter(|_| rng.chance(0.7)).collect();
    let mut claims = claims.into_iter();
    for (k, &i) in chosen.iter().enumerate() {
        render_statement(&mut w, ev, &ev.statements[i], &mut rng);
        if k % 2 == 1
            && let Some(c) = claims.next()
        {
            claim(&mut w, ev, c, &mut rng);
        }
        if rng.chance(0.5)
            && let Some(b) = background.next()
        {
            w.para();
            w.push(&b);
        }
    }
    for c in claims {
        claim(&mut w, ev, c, &mut rng);
    }
    distractors(&mut w, ev, &mut rng);
    for b in background.take(3) {
        w.para();
        w.push(&b);
    }
    w.finish()
}

fn headline(w: &mut Writer<'_>, ev: &Event, rng: &mut Rng) {
    let st = rng.pick(&ev.statements);
    let frag = fragment(&st.sentences[0], rng);
    if rng.chance(0.5) && frag.split(' ').count() <= 7 {
        let sp = w.speaker(st.speaker);
        let surname = sp.name.last_in(w.outlet.spelling);
        let meta = QuoteMeta {
            statement: format!("e{}-s{}", ev.index, st.index),
            speaker: Some(st.speaker),
            speaker_name: sp.name.canonical(),
            mention: surname.clone(),
            true_speaker: st.speaker,
            kind: "partial",
            style: "headline",
            variant: "fragment",
        };
        let (label, city) = (ev.slots.topic.label, ev.slots.city);
        if rng.chance(0.5) {
            w.push(&format!("{surname} says "));
            w.quote(&frag, &meta, true, false);
            w.push(&format!(" after {label} in {city}"));
        } else {
            let at = w.text.len();
            w.push(&format!("{label} in {city}: "));
            capitalise_at(&mut w.text, at);
            w.quote(&frag, &meta, true, false);
            w.push(&format!(", says {surname}"));
        }
        w.last_quoted = None;
    } else {
        let at = w.text.len();
        let mut s = String::new();
        templates::fill("{A} and {B} hold {label} in {city}", &ev.slots, rng, &mut s);
        w.push(&s);
        capitalise_at(&mut w.text, at);
    }
}

fn claim(w: &mut Writer<'_>, ev: &Event, c: &Claim, rng: &mut Rng) {
    let (wording, vp) = match &c.contra {
        Some(contra) if rng.chance(0.25) => (-1, contra.as_str()),
        _ => {
            let i = rng.below(c.wordings.len());
            (i as i32, c.wordings[i].as_str())
        }
    };
    let mention = w.name(c.speaker, rng);
    w.para();
    let form = rng.below(5);
    let (lead, modal, form_name) = match form {
        0 => (format!("{mention} said that "), "would", "said_that"),
        1 => (format!("According to {mention}, "), "will", "according_to"),
        2 => (
            format!("{mention} told reporters "),
            "was preparing to",
            "told",
        ),
        3 => (String::new(), "will", "trailing"),
        _ => (
            format!("{mention} confirmed that "),
            "planned to",
            "confirmed",
        ),
    };
    let para_start = w.text.len();
    w.push(&lead);
    let start = w.text.len();
    w.push(&format!("{} {modal} {vp}", c.subject));
    let end = w.text.len();
    if form == 3 {
        w.push(&format!(", {mention} said."));
    } else {
        w.push(".");
    }
    capitalise_at(&mut w.text, para_start);
    w.truth.claims.push(ClaimTruth {
        start,
        end,
        claim: format!("e{}-c{}", ev.index, c.index),
        speaker: speaker_id(c.speaker),
        mention,
        wording,
        contradicts: wording < 0,
        form: form_name,
    });
}

fn distractors(w: &mut Writer<'_>, ev: &Event, rng: &mut Rng) {
    if rng.chance(0.3) {
        let sp = *rng.pick(&ev.participants);
        let name = w.name(sp, rng);
        w.para();
        w.push(&format!("{name} later spoke to "));
        w.not_quote(rng.choose(SHOWS), "title");
        w.push(&format!(
            " on {}.",
            templates::weekday_name(ev.slots.weekday + 1)
        ));
    }
    if rng.chance(0.2) {
        w.para();
        w.push("Critics dismissed the meeting as another ");
        w.not_quote(rng.choose(SCARE), "scare");
        w.push(" that changes nothing on the ground.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truth_spans_match_the_text() {
        let world = World::new(21, 240);
        for i in 0..100 {
            let ev = Event::generate(&world, 21, i);
            for (n, &o) in ev.outlets.iter().enumerate() {
                let (text, truth) = write(&world, &ev, o, 21, n);
                assert!(!truth.quotes.is_empty(), "{text}");
                for q in &truth.quotes {
                    assert_eq!(&text[q.start..q.end], q.text, "{text}");
                }
                for c in &truth.claims {
                    assert!(text.get(c.start..c.end).is_some_and(|s| !s.is_empty()));
                }
                for nq in &truth.not_quotes {
                    assert!(text.get(nq.start..nq.end).is_some());
                }
            }
        }
    }
}
