//! `saywho quotes --speaker NAME --server URL`: what has this person said? Pages through
//! QuoteService.ListQuotes and prints each quote with its speaker, outlets and first sighting.

use super::remote::{ServerArg, status_error};
use super::who::shorten;
use saywho::pb;
use saywho::pb::quote_service_client::QuoteServiceClient;
use std::fmt::Write as _;

/// Flags of `saywho quotes`.
#[derive(Debug, clap::Args)]
pub(crate) struct QuotesArgs {
    /// The speaker: a resource name (`speakers/...`) or any alias ("Lavrov", "Sergei Lavrov").
    #[arg(long)]
    speaker: String,
    #[command(flatten)]
    server: ServerArg,
    /// Only quotes carried by this outlet (case-insensitive).
    #[arg(long)]
    outlet: Option<String>,
    /// Stop after this many quotes; 0 prints them all.
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Quotes per ListQuotes call.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(i32).range(1..=1000))]
    page_size: i32,
}

/// Runs `saywho quotes`.
pub(crate) async fn run(args: QuotesArgs) -> anyhow::Result<()> {
    let mut client = QuoteServiceClient::new(args.server.connect().await?);
    let (speaker, speaker_alias) = if args.speaker.starts_with("speakers/") {
        (args.speaker.clone(), String::new())
    } else {
        (String::new(), args.speaker.clone())
    };
    let mut request = pb::ListQuotesRequest {
        page_size: args.page_size,
        speaker,
        speaker_alias,
        outlet: args.outlet.clone().unwrap_or_default(),
        ..Default::default()
    };
    let mut shown = 0usize;
    loop {
        let page = client
            .list_quotes(request.clone())
            .await
            .map_err(|status| status_error("ListQuotes", &status))?
            .into_inner();
        for quote in &page.quotes {
            if args.limit != 0 && shown == args.limit {
                outln!("(stopped after {shown} quotes; --limit 0 lists them all)")?;
                return Ok(());
            }
            shown += 1;
            out!("{}", render(shown, quote))?;
        }
        if page.next_page_token.is_empty() {
            break;
        }
        request.page_token = page.next_page_token;
    }
    if shown == 0 {
        outln!("No quotes found for speaker {:?}.", args.speaker)?;
    } else {
        outln!("{shown} quote{}.", if shown == 1 { "" } else { "s" })?;
    }
    Ok(())
}

/// One quote as printed: the words, then who, where and when.
fn render(number: usize, quote: &pb::Quote) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{number:>3}. \u{201c}{}\u{201d}",
        shorten(&quote.text, 160)
    );
    let who = quote
        .speaker
        .as_ref()
        .map_or("(speaker not named)", |s| s.display_name.as_str());
    let outlets: Vec<String> = quote
        .outlet_counts
        .iter()
        .map(|o| {
            let outlet = if o.outlet.is_empty() {
                "(no outlet)"
            } else {
                o.outlet.as_str()
            };
            if o.count > 1 {
                format!("{outlet} ×{}", o.count)
            } else {
                outlet.to_owned()
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "     {who}; {} occurrence{} in {}",
        quote.occurrence_count,
        if quote.occurrence_count == 1 { "" } else { "s" },
        if outlets.is_empty() {
            "(no outlet)".to_owned()
        } else {
            outlets.join(", ")
        },
    );
    let first = quote
        .first_seen_time
        .map(|t| t.to_string())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "     {}; first seen {} {} {}",
        quote.name, quote.first_seen_outlet, quote.first_seen_article, first
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_shows_words_speaker_and_outlets() {
        let quote = pb::Quote {
            name: "quotes/q1".into(),
            text: "We will build the bridge".into(),
            speaker: Some(pb::SpeakerRef {
                display_name: "Ada Quill".into(),
                ..Default::default()
            }),
            outlet_counts: vec![
                pb::OutletCount {
                    outlet: "Gazette".into(),
                    count: 2,
                },
                pb::OutletCount {
                    outlet: "Herald".into(),
                    count: 1,
                },
            ],
            occurrence_count: 3,
            ..Default::default()
        };
        let text = render(1, &quote);
        assert!(
            text.contains("  1. \u{201c}We will build the bridge\u{201d}"),
            "{text}"
        );
        assert!(
            text.contains("Ada Quill; 3 occurrences in Gazette ×2, Herald"),
            "{text}"
        );
        assert!(text.contains("quotes/q1"), "{text}");
    }
}
