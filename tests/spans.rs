//! Property over the wire: for arbitrary quote-heavy articles, every span the server returns, in
//! every offset encoding, lies inside the submitted text and slices it to exactly the span's
//! `content`.

use crate::hostile::start;
use proptest::prelude::*;
use saywho::index::Index;
use saywho::pb;
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::pb::quote_service_client::QuoteServiceClient;
use saywho::service::ServeConfig;
use tonic::transport::Channel;

/// The text `[begin, end)` covers in `encoding` units, or `None` when out of range or not on a
/// character boundary.
fn slice(text: &str, begin: i32, end: i32, encoding: pb::OffsetEncoding) -> Option<String> {
    let (b, e) = (usize::try_from(begin).ok()?, usize::try_from(end).ok()?);
    match encoding {
        pb::OffsetEncoding::Utf8 => text.get(b..e).map(str::to_owned),
        pb::OffsetEncoding::CodePoints => {
            let n = text.chars().count();
            (b <= e && e <= n).then(|| text.chars().skip(b).take(e - b).collect())
        }
        pb::OffsetEncoding::Utf16 => {
            let units: Vec<u16> = text.encode_utf16().collect();
            String::from_utf16(units.get(b..e)?).ok()
        }
        pb::OffsetEncoding::Unspecified => None,
    }
}

/// Creates the article and checks every span of its quote occurrences in all three encodings.
/// Returns how many spans were checked.
async fn check(channel: &Channel, id: String, text: String) -> Result<usize, String> {
    let mut checked = 0;
    let request = pb::CreateArticleRequest {
        article: Some(pb::Article {
            text: text.clone(),
            ..Default::default()
        }),
        article_id: id.clone(),
        request_id: String::new(),
    };
    match ArticleServiceClient::new(channel.clone())
        .create_article(request)
        .await
    {
        Ok(_) => {}
        // Texts without a non-blank character or with control characters are refused cleanly.
        Err(s) if s.code() == tonic::Code::InvalidArgument => return Ok(0),
        Err(s) => return Err(format!("create: {s:?}")),
    }
    let name = format!("articles/{id}");
    for encoding in [
        pb::OffsetEncoding::Utf8,
        pb::OffsetEncoding::CodePoints,
        pb::OffsetEncoding::Utf16,
    ] {
        let quotes = QuoteServiceClient::new(channel.clone())
            .list_quotes(pb::ListQuotesRequest {
                article: name.clone(),
                page_size: 1000,
                offset_encoding: encoding as i32,
                view: pb::QuoteView::Full as i32,
                ..Default::default()
            })
            .await
            .map_err(|s| format!("list quotes: {s:?}"))?
            .into_inner()
            .quotes;
        let occurrences = quotes
            .iter()
            .flat_map(|q| &q.occurrences)
            .filter(|o| o.article == name);
        for occ in occurrences {
            let spans = [&occ.span, &occ.cue, &occ.speaker_mention];
            for span in spans.into_iter().flatten() {
                if span.encoding != encoding as i32 {
                    return Err(format!(
                        "span encoding {} for a {encoding:?} request",
                        span.encoding
                    ));
                }
                checked += 1;
                let got = slice(&text, span.begin_offset, span.end_offset, encoding);
                if got.as_deref() != Some(span.content.as_str()) {
                    return Err(format!(
                        "{encoding:?} span {span:?} slices to {got:?} in {text:?}"
                    ));
                }
            }
        }
    }
    Ok(checked)
}

#[test]
fn every_span_over_the_wire_slices_the_submitted_text_in_every_encoding() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let server = runtime.block_on(start(ServeConfig::default(), Index::new(), true));
    let n = std::sync::atomic::AtomicU32::new(0);
    let spans = std::sync::atomic::AtomicUsize::new(0);
    let pieces = "([\"“”‘’«»„ ,.:—\\n]|said|told reporters|he|she|Rubio|Sergei Lavrov|é|😀|ß|according to|“Wé 😀 go,”|[a-z]{1,6}){0,80}";
    let config = ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(text in pieces)| {
        let id = format!("p{}", n.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        let result = runtime.block_on(check(&server.channel, id, text));
        match result {
            Ok(checked) => drop(spans.fetch_add(checked, std::sync::atomic::Ordering::Relaxed)),
            Err(e) => prop_assert!(false, "{}", e),
        }
    });
    let spans = spans.into_inner();
    assert!(
        spans > 100,
        "only {spans} spans checked: the property is nearly vacuous"
    );
}

#[test]
fn offsets_convert_between_encodings() {
    let text = "a😀é“b”";
    assert_eq!(
        slice(text, 1, 5, pb::OffsetEncoding::Utf8).as_deref(),
        Some("😀")
    );
    assert_eq!(
        slice(text, 1, 2, pb::OffsetEncoding::CodePoints).as_deref(),
        Some("😀")
    );
    assert_eq!(
        slice(text, 1, 3, pb::OffsetEncoding::Utf16).as_deref(),
        Some("😀")
    );
    assert_eq!(
        slice(text, 1, 2, pb::OffsetEncoding::Utf16),
        None,
        "half a surrogate pair"
    );
    assert_eq!(
        slice(text, 2, 5, pb::OffsetEncoding::Utf8),
        None,
        "inside a character"
    );
}
