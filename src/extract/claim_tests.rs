//! Table-driven claim tests: each case names the rule, the text, the expected clause and the
//! claimant mention, or that no claim may be found.

use super::extract;

/// (rule, text, clause, claimant mention).
const CLAIMS: &[(&str, &str, &str, &str)] = &[
    (
        "that clause",
        "Rubio said that the talks had been useful.",
        "the talks had been useful",
        "Rubio",
    ),
    (
        "bare clause",
        "Zelenskyy said his country will not accept the outcome.",
        "his country will not accept the outcome",
        "Zelenskyy",
    ),
    (
        "clause then speaker",
        "The campaign avoided the hospital on Sunday, a source said.",
        "The campaign avoided the hospital on Sunday",
        "a source",
    ),
    (
        "according to first",
        "According to the State Department, both sides agreed to take steps.",
        "both sides agreed to take steps",
        "the State Department",
    ),
    (
        "according to last",
        "Russia launched many drones overnight, according to Kyiv's military.",
        "Russia launched many drones overnight",
        "Kyiv's military",
    ),
    (
        "told object that",
        "Ushakov told Channel One that no date has been set yet.",
        "no date has been set yet",
        "Ushakov",
    ),
    (
        "a described apposition between the name and the cue",
        "Dianne Feinstein, Democrat of California, said that the program has failed many immigrants.",
        "the program has failed many immigrants",
        "Dianne Feinstein",
    ),
    (
        "a bare clause after a described apposition, not an inverted speaker",
        "Senator Dianne Feinstein, Democrat of California, said the program has sent a terrible message.",
        "the program has sent a terrible message",
        "Senator Dianne Feinstein",
    ),
    (
        "time adverbial before bare clause",
        "Top donor Sheldon Adelson said on Friday he met the candidate earlier this week.",
        "he met the candidate earlier this week",
        "Sheldon Adelson",
    ),
    (
        "setting adverbial before bare clause",
        "Mr. Reed said in an interview, the party would lose the seat in November.",
        "the party would lose the seat in November",
        "Mr. Reed",
    ),
    (
        "told listener bare clause",
        "Campaign aides told reporters they found no obligation to disclose it.",
        "they found no obligation to disclose it",
        "Campaign aides",
    ),
    (
        "told named listener",
        "She told The Washington Post the tone of the interview was cordial.",
        "the tone of the interview was cordial",
        "She",
    ),
    (
        "archive apostrophes end a sentence",
        "Bennett said Mrs. Clinton had avoided tacking too far left. ''They need to be careful now.''",
        "Mrs. Clinton had avoided tacking too far left",
        "Bennett",
    ),
    (
        "parenthetical cue",
        "Many of the closures, he said, have involved public and semiprivate courses.",
        "Many of the closures, he said, have involved public and semiprivate courses",
        "he",
    ),
    (
        "parenthetical cue with time",
        "Mr. Obama, officials said on Tuesday, has become skeptical about the options.",
        "Mr. Obama, officials said on Tuesday, has become skeptical about the options",
        "officials",
    ),
    (
        "inverted cue after clause",
        "Asawitiri Media also uses the same photo over and over again, said Rita Katz, the director.",
        "Asawitiri Media also uses the same photo over and over again",
        "Rita Katz",
    ),
    (
        "mixed speech before speaker",
        "The endorsement “was early enough that most people did not know him,” said Heiserman.",
        "The endorsement “was early enough that most people did not know him",
        "Heiserman",
    ),
    (
        "who relative subject",
        "It hurt, said one former staffer, who said he left on good terms with the firm.",
        "he left on good terms with the firm",
        "one former staffer",
    ),
    (
        "conjoined verb takes sentence subject",
        "Trump welcomed the election and said he would make an exception for the mayor.",
        "he would make an exception for the mayor",
        "Trump",
    ),
    (
        "poll quantity in ten",
        "Among his supporters, six in 10 said they want the next president to continue.",
        "they want the next president to continue",
        "six in 10",
    ),
    (
        "poll percent of group",
        "Nearly 75 percent of Democrats said the party should nominate her again.",
        "the party should nominate her again",
        "Nearly 75 percent of Democrats",
    ),
    (
        "poll most of them",
        "Until the shutdown, most of them said they had loved working for Carrier.",
        "they had loved working for Carrier",
        "most of them",
    ),
    (
        "complement ends at a dash",
        "Sanders said he was encouraged by the plan — a modest boost for the president.",
        "he was encouraged by the plan",
        "Sanders",
    ),
    (
        "complement ends at a colon",
        "He said he was too busy to look for evidence: he had a lot going on.",
        "he was too busy to look for evidence",
        "He",
    ),
    (
        "fronted subordinate clause ends at its comma",
        "After Obama announced that the war would not end on his watch, U.S. forces bombed a hospital.",
        "the war would not end on his watch",
        "Obama",
    ),
    (
        "clause ends before the next claimant",
        "Comey said he regularly makes recommendations, Lewandowski said he does not do them publicly.",
        "he regularly makes recommendations",
        "Comey",
    ),
    (
        "participle after comma takes the subject",
        "Ms. Khan rejected the offer, saying that the campaign had never asked her.",
        "the campaign had never asked her",
        "Ms. Khan",
    ),
    (
        "belief verb with bare clause",
        "The poll shows Clinton leading among women in every state.",
        "Clinton leading among women in every state",
        "The poll",
    ),
    (
        "finding verb with that",
        "A study found that voters trusted local news more than television.",
        "voters trusted local news more than television",
        "A study",
    ),
    (
        "archive apostrophes after the cue",
        "He added, ''It is our fight, and without our leadership it won't happen.''",
        "It is our fight, and without our leadership it won't happen",
        "He",
    ),
    (
        "archive apostrophes continue after the speaker",
        "''Brujas has a special kind of bond,'' said Carla Cruz, 24. ''This right here is a sisterhood.''",
        "Brujas has a special kind of bond,'' said Carla Cruz, 24. ''This right here is a sisterhood.",
        "Carla Cruz",
    ),
];

/// Texts with no claim: (rule, text).
const NO_CLAIMS: &[(&str, &str)] = &[
    (
        "direct quote",
        "Rubio said, \"We agree on everything here.\"",
    ),
    (
        "direct quote then speaker",
        "“We agree on everything that matters here,” said Rubio.",
    ),
    (
        "noun cue is not a verb",
        "In a departure from past conventions, Trump made no mention of God, religion or faith.",
    ),
    (
        "parenthetical needs a comma right after the cue",
        "Trump, speaking in Charleston, West Virginia, did not mention Ryan directly in his speech, though the crowd booed.",
    ),
    (
        "fronted subordinate clause is not content",
        "After Brown criticized Clinton during a debate, Hillary shot back.",
    ),
    (
        "parenthetical before a direct quote",
        "Emphasizing the urgency of the matter, Trump said, “If we do not get tough, we lose.”",
    ),
    (
        "belief verb needs a clause start",
        "He knows the country well and expects to win the state easily.",
    ),
    (
        "a clause after an inverted cue is no speaker",
        "In the end, the committee agreed to the plan, said the program has sent a terrible message.",
    ),
    (
        "a year is not a quantity speaker",
        "The campaign in 2015 said nothing about the matter at all.",
    ),
];

#[test]
fn claims() {
    let mut failures = Vec::new();
    for &(name, text, clause, who) in CLAIMS {
        let ex = extract(text);
        let got: Vec<(&str, Option<&str>)> = ex
            .claims
            .iter()
            .map(|c| (c.span.slice(text), c.speaker_mention.map(|m| m.slice(text))))
            .collect();
        if got.first() != Some(&(clause, Some(who))) {
            failures.push(format!("case {name}: got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_claims() {
    for &(name, text) in NO_CLAIMS {
        let ex = extract(text);
        let got: Vec<&str> = ex.claims.iter().map(|c| c.span.slice(text)).collect();
        assert!(got.is_empty(), "case {name}: unexpected claims {got:?}");
    }
}
