//! What events are about: per topic, the phrases that fill statement, claim and background
//! templates. Slots in braces are filled by [`super::templates::fill`].

/// A fact a speaker can claim, in several wordings that mean the same, and optionally one that
/// contradicts them (the Zelenskyy "canceled" / "postponed" case).
#[derive(Debug)]
pub(crate) struct Action {
    /// Equivalent wordings (verb phrase after "will" / "would").
    pub(crate) wordings: &'static [&'static str],
    /// A wording another outlet may use that disagrees on the facts.
    pub(crate) contra: Option<&'static str>,
}

/// One subject area of the news.
#[derive(Debug)]
pub(crate) struct Topic {
    /// What the event is, for headlines ("peace talks").
    pub(crate) label: &'static str,
    /// How speakers refer to the meeting (plural noun phrases).
    pub(crate) subjects: &'static [&'static str],
    /// What sides say they want.
    pub(crate) goals: &'static [&'static str],
    /// What sides insist on (full clauses).
    pub(crate) demands: &'static [&'static str],
    /// Conditions (clauses after "as soon as" / "if").
    pub(crate) conditions: &'static [&'static str],
    /// What the dispute is about (noun phrases for background prose).
    pub(crate) issues: &'static [&'static str],
    /// Claimable facts.
    pub(crate) actions: &'static [Action],
}

const fn act(wordings: &'static [&'static str], contra: Option<&'static str>) -> Action {
    Action { wordings, contra }
}

/// The topics events are drawn from.
pub(crate) const TOPICS: [Topic; 8] = [
    Topic {
        label: "peace talks",
        subjects: &[
            "the talks",
            "the negotiations",
            "these discussions",
            "the consultations",
        ],
        goals: &[
            "a lasting ceasefire",
            "an end to the war",
            "the return of all prisoners",
            "a framework for future cooperation",
            "security guarantees that actually hold",
            "normal diplomatic relations",
        ],
        demands: &[
            "foreign troops must leave the border region",
            "no agreement can be made without the people it concerns",
            "the shelling has to stop before anything else",
            "any deal must be verified by independent monitors",
        ],
        conditions: &[
            "the other side stops the shelling",
            "the prisoners are home",
            "both delegations have a mandate",
        ],
        issues: &[
            "the disputed border region",
            "the exchange of prisoners",
            "the status of the eastern provinces",
            "the security guarantees",
        ],
        actions: &[
            act(
                &[
                    "reopen its embassy in {Bcap}",
                    "restore its diplomatic mission in {Bcap}",
                ],
                Some("keep its embassy in {Bcap} closed"),
            ),
            act(
                &[
                    "cancel a planned visit to {city}",
                    "call off a scheduled trip to {city}",
                ],
                Some("postpone a planned visit to {city}"),
            ),
            act(
                &[
                    "release {n} prisoners by the end of {month}",
                    "free {n} detainees before the end of {month}",
                ],
                Some("release {n2} prisoners by the end of {month}"),
            ),
            act(
                &[
                    "appoint a negotiating team within {num} weeks",
                    "name its negotiators within {num} weeks",
                ],
                None,
            ),
        ],
    },
    Topic {
        label: "trade talks",
        subjects: &[
            "the trade talks",
            "the tariff negotiations",
            "the discussions",
            "the trade consultations",
        ],
        goals: &[
            "a fair trade agreement",
            "lower tariffs on both sides",
            "open markets for our farmers",
            "stable supply chains",
        ],
        demands: &[
            "the steel tariffs have to go",
            "our farmers cannot pay for other people's mistakes",
            "state subsidies must be disclosed",
            "dumping has to stop",
        ],
        conditions: &[
            "the tariffs are suspended",
            "both sides publish their offers",
            "the subsidies are on the table",
        ],
        issues: &[
            "steel and aluminium tariffs",
            "agricultural subsidies",
            "the export ban on rare minerals",
            "port fees",
        ],
        actions: &[
            act(
                &[
                    "cut tariffs on steel by {n} percent",
                    "lower steel duties by {n} percent",
                ],
                Some("cut tariffs on steel by {n2} percent"),
            ),
            act(
                &[
                    "lift the ban on grain exports in {month}",
                    "end the grain export ban in {month}",
                ],
                Some("extend the ban on grain exports beyond {month}"),
            ),
            act(
                &[
                    "file a complaint with the trade tribunal",
                    "take the dispute to the trade tribunal",
                ],
                None,
            ),
        ],
    },
    Topic {
        label: "energy talks",
        subjects: &[
            "the energy talks",
            "the pipeline negotiations",
            "the summit",
            "the meetings",
        ],
        goals: &[
            "affordable energy for every household",
            "a reliable gas supply this winter",
            "a fair price for transit",
            "a faster move to renewables",
        ],
        demands: &[
            "transit fees must reflect real costs",
            "nobody should use gas as a weapon",
            "the pipeline has to stay open",
            "storage must be full before winter",
        ],
        conditions: &[
            "the transit contract is signed",
            "prices come down",
            "the storage levels recover",
        ],
        issues: &[
            "the transit contract",
            "gas prices",
            "the new pipeline",
            "the storage levels ahead of winter",
        ],
        actions: &[
            act(
                &[
                    "raise gas deliveries by {n} percent",
                    "increase gas supplies by {n} percent",
                ],
                Some("reduce gas deliveries by {n} percent"),
            ),
            act(
                &[
                    "sign the transit contract in {city}",
                    "conclude the transit agreement in {city}",
                ],
                Some("delay signing the transit contract"),
            ),
            act(
                &[
                    "build {num} new storage sites",
                    "open {num} additional storage facilities",
                ],
                None,
            ),
        ],
    },
    Topic {
        label: "climate talks",
        subjects: &[
            "the climate talks",
            "the conference",
            "the negotiations",
            "these two weeks of talks",
        ],
        goals: &[
            "a binding target for emissions",
            "real money for adaptation",
            "an end to new coal plants",
            "a fund for losses and damage",
        ],
        demands: &[
            "the richest countries must pay their share",
            "targets mean nothing without enforcement",
            "coal has no future in this region",
            "the poorest cannot wait another decade",
        ],
        conditions: &[
            "the finance pledge is in writing",
            "every country reports its emissions",
            "the big emitters move first",
        ],
        issues: &[
            "the finance pledge",
            "the coal phase-out",
            "emission targets",
            "the adaptation fund",
        ],
        actions: &[
            act(
                &[
                    "close its last coal plant by {year}",
                    "shut down its remaining coal plants by {year}",
                ],
                Some("close its last coal plant by {year2}"),
            ),
            act(
                &[
                    "contribute {n} million to the adaptation fund",
                    "pledge {n} million for the adaptation fund",
                ],
                Some("contribute {n2} million to the adaptation fund"),
            ),
            act(
                &[
                    "publish new emission targets in {month}",
                    "present updated climate targets in {month}",
                ],
                None,
            ),
        ],
    },
    Topic {
        label: "monetary policy talks",
        subjects: &[
            "the rate decision",
            "the monetary policy meetings",
            "the board's deliberations",
        ],
        goals: &[
            "price stability",
            "inflation back at two percent",
            "a soft landing for the economy",
            "confidence in the currency",
        ],
        demands: &[
            "inflation must come down before rates do",
            "the bank has to remain independent",
            "fiscal policy must do its part",
        ],
        conditions: &[
            "inflation falls for three months in a row",
            "wage growth slows",
            "the currency stabilises",
        ],
        issues: &[
            "inflation",
            "the interest rate path",
            "the weak currency",
            "government borrowing",
        ],
        actions: &[
            act(
                &[
                    "raise its key rate by {n} basis points",
                    "lift the benchmark rate by {n} basis points",
                ],
                Some("hold its key rate steady"),
            ),
            act(
                &[
                    "end its bond-buying programme in {month}",
                    "stop purchasing government bonds in {month}",
                ],
                Some("extend its bond-buying programme past {month}"),
            ),
        ],
    },
    Topic {
        label: "port wage talks",
        subjects: &[
            "the wage talks",
            "the negotiations with the unions",
            "the mediation",
        ],
        goals: &[
            "a fair wage for dock workers",
            "the ports open again",
            "safe working conditions",
            "a contract that lasts",
        ],
        demands: &[
            "wages must keep up with prices",
            "automation cannot cost jobs without compensation",
            "the strike must end before the harvest",
        ],
        conditions: &[
            "the employers make a written offer",
            "the workers return to the docks",
            "the mediator has a mandate",
        ],
        issues: &[
            "dock workers' wages",
            "automation at the container terminals",
            "the backlog of ships",
            "overtime rules",
        ],
        actions: &[
            act(
                &[
                    "offer a wage rise of {n} percent",
                    "propose pay increases of {n} percent",
                ],
                Some("offer a wage rise of {n2} percent"),
            ),
            act(
                &["end the strike on {weekday}", "return to work on {weekday}"],
                Some("extend the strike beyond {weekday}"),
            ),
        ],
    },
    Topic {
        label: "data protection hearings",
        subjects: &[
            "the hearings",
            "the regulatory review",
            "the consultations with industry",
        ],
        goals: &[
            "clear rules for artificial intelligence",
            "real protection for users' data",
            "fair competition online",
            "accountability for platforms",
        ],
        demands: &[
            "platforms must open their algorithms to auditors",
            "children's data cannot be sold",
            "fines have to hurt",
        ],
        conditions: &[
            "the companies share their data",
            "the auditors have access",
            "the court rules",
        ],
        issues: &[
            "the data protection law",
            "platform liability",
            "the use of facial recognition",
            "algorithmic audits",
        ],
        actions: &[
            act(
                &[
                    "fine the company {n} million",
                    "impose a penalty of {n} million on the company",
                ],
                Some("fine the company {n2} million"),
            ),
            act(
                &[
                    "appeal the ruling",
                    "challenge the decision in the higher court",
                ],
                Some("accept the ruling"),
            ),
        ],
    },
    Topic {
        label: "health emergency talks",
        subjects: &[
            "the emergency meetings",
            "the talks with health ministers",
            "the review",
        ],
        goals: &[
            "vaccines for every region",
            "an end to the outbreak",
            "open borders with proper testing",
            "enough beds in every hospital",
        ],
        demands: &[
            "testing must be free",
            "the borders cannot stay closed forever",
            "data has to be shared within hours",
        ],
        conditions: &[
            "the case numbers fall",
            "the vaccines arrive",
            "the testing sites are open",
        ],
        issues: &[
            "the outbreak in the south",
            "vaccine deliveries",
            "border testing",
            "hospital capacity",
        ],
        actions: &[
            act(
                &[
                    "deliver {n} thousand vaccine doses by {month}",
                    "ship {n} thousand doses by {month}",
                ],
                Some("deliver {n2} thousand vaccine doses by {month}"),
            ),
            act(
                &[
                    "reopen the border on {weekday}",
                    "lift the border closure on {weekday}",
                ],
                Some("keep the border closed after {weekday}"),
            ),
        ],
    },
];
