//! `saywho serve` (not yet written).

/// Flags of `saywho serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {}

/// Runs `saywho serve`.
pub(crate) async fn run(_args: ServeArgs) -> anyhow::Result<()> {
    anyhow::bail!("saywho serve is not implemented yet")
}
