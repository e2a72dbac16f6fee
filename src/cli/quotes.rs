//! `saywho quotes` (not yet written).

/// Flags of `saywho quotes`.
#[derive(Debug, clap::Args)]
pub(crate) struct QuotesArgs {}

/// Runs `saywho quotes`.
pub(crate) async fn run(_args: QuotesArgs) -> anyhow::Result<()> {
    anyhow::bail!("saywho quotes is not implemented yet")
}
