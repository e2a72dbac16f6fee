//! Accepted connections, wrapped so a small reply leaves in one write.
//!
//! The HTTP/2 codec (h2) copies a DATA frame into its write buffer only when the payload is
//! under a threshold: 256 bytes when the socket takes vectored writes, 1,024 when it does not.
//! A larger frame is chained after the buffer and must be written out before the next frame
//! (the gRPC trailers) can be buffered, so every reply of 256 bytes or more cost two
//! `writev` calls where a health check costs one, each a few microseconds of loopback TCP.
//!
//! [`Coalesced`] reports that it takes no vectored writes, which raises the threshold to
//! 1,024 bytes, and buffers what it is given until the codec flushes, so a frame larger than
//! that still leaves in one write instead of two. It never holds bytes past a flush: the codec
//! flushes after every batch of frames, and shutting down flushes first.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, BufWriter, ReadBuf};
use tokio::net::TcpStream;
use tokio_stream::{Stream, StreamExt};
use tonic::transport::server::{Connected, TcpConnectInfo, TcpIncoming};

/// Bytes buffered before a write goes to the socket without waiting for the flush: a
/// maximum-size HTTP/2 frame (16 KiB) with its head and the frames around it.
const WRITE_BUFFER: usize = 64 * 1024;

/// A connection whose writes are gathered until the HTTP/2 codec flushes.
pub(crate) struct Coalesced<T> {
    inner: BufWriter<T>,
}

impl<T: AsyncWrite> Coalesced<T> {
    /// Wraps `io` with an empty write buffer.
    pub(crate) fn new(io: T) -> Self {
        Coalesced {
            inner: BufWriter::with_capacity(WRITE_BUFFER, io),
        }
    }
}

impl<T: AsyncRead + AsyncWrite + Unpin> AsyncRead for Coalesced<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Coalesced<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    /// False, so the codec copies DATA frames of up to 1,024 bytes into its own buffer
    /// (see the module documentation).
    fn is_write_vectored(&self) -> bool {
        false
    }
}

impl Connected for Coalesced<TcpStream> {
    type ConnectInfo = TcpConnectInfo;

    fn connect_info(&self) -> TcpConnectInfo {
        self.inner.get_ref().connect_info()
    }
}

/// The accepted connections of `incoming`, each wrapped in [`Coalesced`].
pub(crate) fn coalesced(
    incoming: TcpIncoming,
) -> impl Stream<Item = io::Result<Coalesced<TcpStream>>> {
    incoming.map(|accepted| accepted.map(Coalesced::new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn writes_wait_for_the_flush_and_then_all_arrive() {
        let (near, mut far) = tokio::io::duplex(1 << 20);
        let mut conn = Coalesced::new(near);
        conn.write_all(b"head").await.expect("buffered");
        conn.write_all(&[7u8; 3000]).await.expect("buffered");
        let mut probe = [0u8; 1];
        let early =
            tokio::time::timeout(std::time::Duration::from_millis(50), far.read(&mut probe)).await;
        assert!(
            early.is_err(),
            "nothing may reach the peer before the flush"
        );
        conn.flush().await.expect("flushed");
        let mut got = vec![0u8; 3004];
        far.read_exact(&mut got).await.expect("all bytes");
        assert_eq!(&got[..4], b"head");
        assert!(got[4..].iter().all(|&b| b == 7));
    }

    #[tokio::test]
    async fn a_write_larger_than_the_buffer_goes_through_whole() {
        let (near, mut far) = tokio::io::duplex(1 << 20);
        let mut conn = Coalesced::new(near);
        let big = vec![1u8; WRITE_BUFFER * 2 + 5];
        conn.write_all(&big).await.expect("written");
        conn.shutdown().await.expect("shut down");
        let mut got = Vec::new();
        far.read_to_end(&mut got).await.expect("read to the end");
        assert_eq!(got, big);
    }

    #[test]
    fn it_asks_the_codec_to_copy_small_frames() {
        let (near, _far) = tokio::io::duplex(64);
        assert!(!Coalesced::new(near).is_write_vectored());
    }
}
