//! `saywho bench` (not yet written).

/// Flags of `saywho bench`.
#[derive(Debug, clap::Args)]
pub(crate) struct BenchArgs {}

/// Runs `saywho bench`.
pub(crate) async fn run(_args: BenchArgs) -> anyhow::Result<()> {
    anyhow::bail!("saywho bench is not implemented yet")
}
