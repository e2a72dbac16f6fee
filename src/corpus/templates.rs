//! Sentence templates and the slot filler. Templates are plain text with `{slot}` markers; the
//! slots an event knows (its countries, city, dates and numbers) come from [`Slots`], and the
//! topic slots (`{goal}`, `{demand}`, …) are drawn from the event's [`Topic`] at fill time.

use super::rng::Rng;
use super::topics::Topic;

/// Opening sentences of a statement.
pub(crate) const OPENERS: &[&str] = &[
    "Today we took an important step toward {goal}.",
    "{Subject} are the first step of a long and difficult journey, but an important one.",
    "We cannot accept any arrangement about {A} that is made without {A}.",
    "There is no alternative to {goal}, and we will keep working for it.",
    "Our position has not changed: {A} wants {goal}, nothing less.",
    "We have agreed to take account of each other's interests, and {num} working groups will meet before the end of {month}.",
    "It is too early to speak of results, but the tone in {city} was constructive.",
    "Nobody should expect a breakthrough in {num} days.",
    "The people of {A} deserve {goal}, and they deserve it now.",
    "I told my counterpart very clearly that {demand}.",
    "We are ready to discuss {goal} as soon as {condition}.",
    "{Subject} were frank, sometimes difficult, and useful.",
    "If {condition}, we will be the first to respond.",
    "We did not come to {city} to make speeches; we came for {goal}.",
    "Let me be clear: {demand}.",
    "{B} knows exactly what it has to do.",
    "This is the most urgent task, and not the most difficult one.",
    "What we heard today from {B} gives us some hope.",
    "We will judge {B} by its actions, not by its words.",
    "For {num} years we have asked for {goal}, and for {num} years nobody listened.",
    "We're not naive, but we're not pessimists either.",
    "Our delegation will stay in {city} as long as it takes.",
    "There will be no deal on {issue} unless {condition}.",
    "Everyone involved in {issue} has to be OK with the result.",
    "Frankly, {subject} went better than I expected.",
    "I don't think anyone in {city} expected {B} to move this quickly on {issue}.",
    "We want {goal}, and we want it in a way that is fair and sustainable.",
    "The question of {issue} cannot be solved by one side alone.",
];

/// Sentences that may follow an opener.
pub(crate) const FOLLOWERS: &[&str] = &[
    "That is the only way forward for {A}.",
    "We will not be rushed by {B}.",
    "Nobody in {A} wants another crisis in {num} years.",
    "The next round will take place in {city}.",
    "Our partners in {C} understand this very well.",
    "We owe that to the citizens of {A}.",
    "I am convinced we can get there by {month}.",
    "On {issue}, time is not on anyone's side.",
    "The details on {issue} will follow in the coming days.",
    "We've said this many times about {issue}, and we'll say it again.",
    "With {B}, it's a question of trust.",
    "Nothing is agreed until everything is agreed.",
    "We must take action, and today we took an important step forward.",
    "The ball is now in {B}'s court.",
    "Anyone who says otherwise about {issue} has not read the text.",
    "We expect an answer from {Bcap} by {weekday}.",
    "{Num} of our experts will stay in {city} next week.",
    "The text on {issue} is almost ready.",
    "I will report to parliament on {issue} in {month}.",
    "Nobody should confuse patience with weakness in {Acap}.",
];

/// Phrases that may open a spoken sentence (the sentence's first word is then lower-cased).
const INTROS: &[&str] = &[
    "Frankly, ",
    "Let me say this: ",
    "As I told my counterpart in {city}, ",
    "I want to be very clear: ",
    "After {hours} hours of talks, ",
    "In all honesty, ",
    "As of today, ",
    "From the point of view of {A}, ",
    "Whatever {B} says, ",
    "Between us and {B}, ",
];

/// Endings that may replace a spoken sentence's final period.
const TAILS: &[&str] = &[
    " this {month}.",
    " in {city}.",
    ", and I mean that.",
    ", whatever happens next.",
    " for the sake of {A}.",
    ", as we told {B} today.",
    ", believe me.",
    " before the end of the year.",
];

/// Sentence-initial words an intro lower-cases (names and "I" keep their capital).
const LOWERABLE: &[&str] = &[
    "We", "We're", "We've", "Our", "The", "Nobody", "It", "It's", "This", "There", "Time",
    "Anyone", "Everyone", "Today", "For", "What", "Nothing", "That", "These", "If",
];

/// Appends one spoken sentence: `template` filled, sometimes with an intro and a varied ending,
/// so that two speakers rarely say exactly the same sentence.
pub(crate) fn spoken(template: &str, s: &Slots, rng: &mut Rng, out: &mut String) {
    let mut core = String::new();
    sentence(template, s, rng, &mut core);
    let first = core.split([' ', ',']).next().unwrap_or("");
    let start = out.len();
    if rng.chance(0.45) && !matches!(first, "Frankly" | "Let") {
        fill(rng.choose(INTROS), s, rng, out);
        if LOWERABLE.contains(&first) {
            core.replace_range(..1, &core[..1].to_lowercase());
        }
    }
    out.push_str(&core);
    if out.ends_with('.') && rng.chance(0.4) {
        out.pop();
        fill(rng.choose(TAILS), s, rng, out);
    }
    capitalise_at(out, start);
}

/// Background prose with no quotation and no attribution cue.
pub(crate) const BACKGROUND: &[&str] = &[
    "{A} and {B} have been at odds over {issue} for {num} years.",
    "The meeting in {city} lasted {hours} hours.",
    "Neither side released a joint statement after the meeting.",
    "No officials from {C} were present at the meeting.",
    "Markets in {Acap} reacted cautiously to the news.",
    "The last round of {label} collapsed in {month} over {issue}.",
    "A further meeting on {issue} could follow within weeks.",
    "The talks were held behind closed doors at a government guest house outside {city}.",
    "{A} has repeatedly accused {B} of stalling on {issue}.",
    "Relations between the two countries have fallen to their lowest level in decades.",
    "The two delegations met for the first time since {month} of last year.",
    "Reporters waited outside the building for most of the afternoon.",
    "The dispute over {issue} has weighed on the economies of both countries.",
    "It was the {ordinal} round of {label} this year.",
];

/// Opening sentences of an article (after any dateline).
pub(crate) const LEDES: &[&str] = &[
    "Officials from {A} and {B} met in {city} on {weekday} for {label} focused on {issue}.",
    "Senior {Aadj} and {Badj} officials held {label} in {city} on {weekday}, with {issue} at the top of the agenda.",
    "{A} and {B} agreed on {weekday} to keep talking about {issue}, after a day of {label} in {city}.",
    "Delegations from {A} and {B} sat down in {city} on {weekday} in a new attempt to settle {issue}.",
];

/// Shows and programmes, named in quotes that are not quotations ("Meet the Press.").
pub(crate) const SHOWS: &[&str] = &[
    "Meet the Nation",
    "Sunday Briefing",
    "The World Tonight",
    "Face the Facts",
    "Morning Report",
];

/// Words put in scare quotes.
pub(crate) const SCARE: &[&str] = &[
    "reset",
    "red lines",
    "shuttle diplomacy",
    "grand bargain",
    "strategic patience",
    "frozen conflict",
];

const NUM_WORDS: [&str; 9] = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];
const ORDINALS: [&str; 5] = ["second", "third", "fourth", "fifth", "sixth"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Event-level values for slots. One set per event, so all its outlets agree on the facts.
#[derive(Clone, Debug)]
pub(crate) struct Slots {
    /// Topic the topic slots are drawn from.
    pub(crate) topic: &'static Topic,
    /// `{A}`: the speaker's own country; `{Aadj}`, `{Acap}` its adjective and capital.
    pub(crate) a: (&'static str, &'static str, &'static str),
    /// `{B}`: the other side.
    pub(crate) b: (&'static str, &'static str, &'static str),
    /// `{C}`: a third country, absent from the meeting.
    pub(crate) c: &'static str,
    /// `{city}`: where the event happens.
    pub(crate) city: &'static str,
    /// `{weekday}` of the event.
    pub(crate) weekday: usize,
    /// `{month}` (a future month the parties talk about).
    pub(crate) month: usize,
    /// `{year}`, `{year2}`.
    pub(crate) year: i32,
    /// `{n}`, `{n2}`: numbers for claims; `{n2}` differs from `{n}`.
    pub(crate) n: (u32, u32),
}

impl Slots {
    /// Swaps the two sides, for a speaker from country B.
    pub(crate) fn flipped(&self) -> Slots {
        Slots {
            a: self.b,
            b: self.a,
            ..self.clone()
        }
    }
}

/// Weekday name, `0` = Monday.
pub(crate) fn weekday_name(d: usize) -> &'static str {
    WEEKDAYS[d % 7]
}

/// Month name, `0` = January.
pub(crate) fn month_name(m: usize) -> &'static str {
    MONTHS[m % 12]
}

/// Appends `template` to `out` as a sentence: every `{slot}` filled, the first letter capitalised.
pub(crate) fn sentence(template: &str, s: &Slots, rng: &mut Rng, out: &mut String) {
    let start = out.len();
    fill(template, s, rng, out);
    capitalise_at(out, start);
}

/// Appends `template` to `out` with every `{slot}` filled.
pub(crate) fn fill(template: &str, s: &Slots, rng: &mut Rng, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        slot(&rest[open + 1..open + close], s, rng, out);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
}

/// Upper-cases the character at byte `at` (which must be a char boundary).
pub(crate) fn capitalise_at(out: &mut String, at: usize) {
    if let Some(c) = out[at..].chars().next().filter(|c| c.is_lowercase()) {
        let upper: String = c.to_uppercase().collect();
        out.replace_range(at..at + c.len_utf8(), &upper);
    }
}

fn slot(name: &str, s: &Slots, rng: &mut Rng, out: &mut String) {
    let t = s.topic;
    match name {
        "A" => out.push_str(s.a.0),
        "Aadj" => out.push_str(s.a.1),
        "Acap" => out.push_str(s.a.2),
        "B" => out.push_str(s.b.0),
        "Badj" => out.push_str(s.b.1),
        "Bcap" => out.push_str(s.b.2),
        "C" => out.push_str(s.c),
        "city" => out.push_str(s.city),
        "label" => out.push_str(t.label),
        "weekday" => out.push_str(weekday_name(s.weekday)),
        "month" => out.push_str(month_name(s.month)),
        "year" => out.push_str(&s.year.to_string()),
        "year2" => out.push_str(&(s.year + 5).to_string()),
        "n" => out.push_str(&s.n.0.to_string()),
        "n2" => out.push_str(&s.n.1.to_string()),
        "num" => out.push_str(rng.choose(&NUM_WORDS)),
        "Num" => {
            let at = out.len();
            out.push_str(rng.choose(&NUM_WORDS));
            capitalise_at(out, at);
        }
        "hours" => out.push_str(&rng.range(2, 9).to_string()),
        "ordinal" => out.push_str(rng.choose(&ORDINALS)),
        "goal" => out.push_str(rng.choose(t.goals)),
        "demand" => out.push_str(rng.choose(t.demands)),
        "condition" => out.push_str(rng.choose(t.conditions)),
        "issue" => out.push_str(rng.choose(t.issues)),
        "subject" => out.push_str(rng.choose(t.subjects)),
        "Subject" => {
            let at = out.len();
            out.push_str(rng.choose(t.subjects));
            capitalise_at(out, at);
        }
        other => {
            out.push('{');
            out.push_str(other);
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::topics::TOPICS;

    fn slots() -> Slots {
        Slots {
            topic: &TOPICS[0],
            a: ("the United Provinces", "U.P.", "Harrowgate"),
            b: ("Veshany", "Veshan", "Dorograd"),
            c: "Kalvia",
            city: "Lesk",
            weekday: 1,
            month: 2,
            year: 2030,
            n: (12, 40),
        }
    }

    #[test]
    fn every_template_fills_completely() {
        let mut rng = Rng::derive(1, 2, 3);
        for t in OPENERS
            .iter()
            .chain(FOLLOWERS)
            .chain(BACKGROUND)
            .chain(LEDES)
        {
            let mut out = String::new();
            sentence(t, &slots(), &mut rng, &mut out);
            assert!(!out.contains('{') && !out.contains('}'), "{t} -> {out}");
            assert!(out.chars().next().is_some_and(char::is_uppercase), "{out}");
        }
        for topic in &TOPICS {
            for a in topic.actions {
                for w in a.wordings.iter().chain(a.contra.iter()) {
                    let mut out = String::new();
                    fill(w, &Slots { topic, ..slots() }, &mut rng, &mut out);
                    assert!(!out.contains('{'), "{out}");
                }
            }
        }
    }

    #[test]
    fn country_names_are_capitalised_at_sentence_start() {
        let mut out = String::new();
        sentence(
            "{A} met {B}.",
            &slots(),
            &mut Rng::derive(0, 0, 0),
            &mut out,
        );
        assert_eq!(out, "The United Provinces met Veshany.");
    }
}
