//! `saywho who` (not yet written).

/// Flags of `saywho who`.
#[derive(Debug, clap::Args)]
pub(crate) struct WhoArgs {}

/// Runs `saywho who`.
pub(crate) async fn run(_args: WhoArgs) -> anyhow::Result<()> {
    anyhow::bail!("saywho who is not implemented yet")
}
