package io.perpnet.p2p.yamux;

/**
 * What one Yamux session may hold on behalf of its peer. Inbound bytes are bounded by the windows
 * we grant (re-granted only as the stream's protocol takes the data); outbound bytes by these caps.
 *
 * @param maxStreams open streams; a SYN beyond it is answered with RST
 * @param maxStreamOutbound bytes one stream may queue for the peer; a write beyond it fails and
 *     the stream is reset (protocols check {@code isWritable()} long before)
 * @param maxSessionOutbound bytes all streams of the session may queue together; beyond it the
 *     connection is closed: the peer is not reading
 * @param maxSessionInbound bytes received and not yet taken by the streams' protocols, all
 *     streams together; beyond it the connection is closed
 * @param maxPingsPerSecond Yamux pings answered per second; a peer sending more is disconnected
 */
public record YamuxLimits(int maxStreams, int maxStreamOutbound, int maxSessionOutbound, int maxSessionInbound,
    int maxPingsPerSecond) {
  public YamuxLimits {
    if (maxStreams < 1 || maxStreamOutbound < 1 || maxSessionOutbound < maxStreamOutbound || maxSessionInbound < 1
        || maxPingsPerSecond < 1) {
      throw new IllegalArgumentException("Yamux limits must be positive, the session's at least the stream's");
    }
  }

  /** 256 streams; 4 MiB out per stream; 8 MiB out and 4 MiB in per session; 10 pings per second. */
  public static YamuxLimits defaults() {
    return new YamuxLimits(256, 4 << 20, 8 << 20, 4 << 20, 10);
  }

  public YamuxLimits withMaxStreams(final int max) {
    return new YamuxLimits(max, maxStreamOutbound, maxSessionOutbound, maxSessionInbound, maxPingsPerSecond);
  }

  public YamuxLimits withOutbound(final int perStream, final int perSession) {
    return new YamuxLimits(maxStreams, perStream, perSession, maxSessionInbound, maxPingsPerSecond);
  }
}
