//! `saywho who TEXT --server URL`: asks a server who said some words (QuoteService.AttributeQuote)
//! and prints the ranked speakers with their outlets and the quotes behind each.

use super::remote::{ServerArg, enum_label, status_error};
use saywho::pb;
use saywho::pb::quote_service_client::QuoteServiceClient;
use std::fmt::Write as _;

/// Flags of `saywho who`.
#[derive(Debug, clap::Args)]
pub(crate) struct WhoArgs {
    /// The words to attribute: any fragment of a quotation, with or without quote marks.
    text: String,
    #[command(flatten)]
    server: ServerArg,
    /// Maximum number of speakers to list (the server caps it at 100).
    #[arg(long, default_value_t = 10)]
    max: u16,
    /// Quotes to show as evidence under each speaker.
    #[arg(long, default_value_t = 2)]
    evidence: usize,
}

/// Runs `saywho who`.
pub(crate) async fn run(args: WhoArgs) -> anyhow::Result<()> {
    let mut client = QuoteServiceClient::new(args.server.connect().await?);
    let request = pb::AttributeQuoteRequest {
        text: args.text.clone(),
        max_candidates: i32::from(args.max),
        offset_encoding: pb::OffsetEncoding::Utf8.into(),
        // the basic view: the occurrences are counted, not listed
        view: pb::QuoteView::Basic.into(),
    };
    let response = client
        .attribute_quote(request)
        .await
        .map_err(|status| status_error("AttributeQuote", &status))?
        .into_inner();
    out!("{}", render(&args.text, &response, args.evidence))?;
    Ok(())
}

/// The printed answer: one block per candidate, best first.
fn render(text: &str, response: &pb::AttributeQuoteResponse, evidence: usize) -> String {
    let mut out = String::new();
    if response.candidates.is_empty() {
        let _ = writeln!(out, "No stored quote matches {text:?}.");
        return out;
    }
    let _ = writeln!(out, "Who said {text:?}?");
    for (rank, candidate) in response.candidates.iter().enumerate() {
        let (who, kind) = match &candidate.speaker {
            Some(s) => (
                s.display_name.as_str(),
                enum_label(s.kind().as_str_name(), "SPEAKER_KIND_"),
            ),
            None => ("(speaker not named)", "unknown".to_owned()),
        };
        let _ = writeln!(
            out,
            "{:>2}. {who} ({kind})  score {:.2}  match {}",
            rank + 1,
            candidate.score,
            enum_label(candidate.match_kind().as_str_name(), "MATCH_KIND_"),
        );
        if let Some(s) = &candidate.speaker {
            let _ = writeln!(out, "    {}", s.name);
        }
        let outlets = if candidate.outlets.is_empty() {
            "(none given)".to_owned()
        } else {
            candidate.outlets.join(", ")
        };
        let _ = writeln!(out, "    outlets: {outlets}");
        for ev in candidate.evidence.iter().take(evidence) {
            let _ = writeln!(
                out,
                "    {} [{}, {:.2}, {} occurrence{}] \u{201c}{}\u{201d}",
                ev.quote,
                enum_label(ev.match_kind().as_str_name(), "MATCH_KIND_"),
                ev.score,
                ev.occurrence_count,
                if ev.occurrence_count == 1 { "" } else { "s" },
                shorten(&ev.quote_text, 100),
            );
        }
    }
    out
}

/// `text` cut to at most `max` characters, with an ellipsis when cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_counts_characters_not_bytes() {
        assert_eq!(shorten("héllo wörld", 5), "héllo…");
        assert_eq!(shorten("short", 10), "short");
    }

    #[test]
    fn render_lists_candidates_with_outlets() {
        let response = pb::AttributeQuoteResponse {
            candidates: vec![pb::SpeakerCandidate {
                speaker: Some(pb::SpeakerRef {
                    name: "speakers/ada-quill".into(),
                    display_name: "Ada Quill".into(),
                    kind: pb::SpeakerKind::Person.into(),
                }),
                score: 0.9,
                match_kind: pb::MatchKind::Exact.into(),
                outlets: vec!["Gazette".into(), "Herald".into()],
                evidence: vec![],
            }],
        };
        let text = render("bridge by spring", &response, 2);
        assert!(
            text.contains(" 1. Ada Quill (person)  score 0.90  match exact"),
            "{text}"
        );
        assert!(text.contains("outlets: Gazette, Herald"), "{text}");
        let empty = render("nothing", &pb::AttributeQuoteResponse::default(), 2);
        assert!(empty.starts_with("No stored quote matches"), "{empty}");
    }
}
