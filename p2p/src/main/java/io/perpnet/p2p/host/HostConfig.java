package io.perpnet.p2p.host;

import io.perpnet.p2p.yamux.YamuxLimits;
import java.time.Duration;

/**
 * Limits and timeouts of a {@link Host}. Every stage of a connection has one, so a peer that
 * stalls or floods is cut off instead of holding resources. Build with {@link #builder()}; every
 * setting has a named default (the table in the module README).
 *
 * @param agentVersion what Identify tells peers we run
 * @param ioThreads event-loop threads (one is enough for most nodes; everything of one connection
 *     runs on one thread)
 * @param handshakeTimeout from TCP connect to a ready Yamux session (security and muxer negotiation)
 * @param loadedHandshakeTimeout the handshake timeout once half the pending slots are taken: a
 *     flood of half-open connections is shed quickly
 * @param negotiationTimeout for multistream-select on a new stream
 * @param idleTimeout a connection from which nothing arrives for this long is closed (Yamux
 *     keep-alive pings count, so only dead peers go)
 * @param keepAliveInterval how often we ping each connection
 * @param admission how many connections we take, from whom (see {@link Admission.Limits})
 * @param yamux what one connection's session may hold for its peer
 * @param maxMessageSize the largest length-prefixed message any protocol accepts
 * @param writeBufferHigh a connection whose socket holds more unsent bytes stops taking stream
 *     data until it drains below {@code writeBufferHigh / 2}
 */
public record HostConfig(
    String agentVersion,
    int ioThreads,
    Duration handshakeTimeout,
    Duration loadedHandshakeTimeout,
    Duration negotiationTimeout,
    Duration idleTimeout,
    Duration keepAliveInterval,
    Admission.Limits admission,
    YamuxLimits yamux,
    int maxMessageSize,
    int writeBufferHigh) {

  public static final String AGENT_VERSION = "perpnet/0.1.0";

  public HostConfig {
    if (ioThreads < 1 || maxMessageSize < 1 || writeBufferHigh < 2) {
      throw new IllegalArgumentException("threads and limits must be positive");
    }
  }

  public static HostConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public int maxStreamsPerConnection() {
    return yamux.maxStreams();
  }

  /** Named settings with defaults; {@link #build()} checks them. */
  public static final class Builder {
    private String agentVersion = AGENT_VERSION;
    private int ioThreads = 1;
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration loadedHandshakeTimeout = Duration.ofSeconds(2);
    private Duration negotiationTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(120);
    private Duration keepAliveInterval = Duration.ofSeconds(30);
    private Admission.Limits admission = Admission.Limits.defaults();
    private YamuxLimits yamux = YamuxLimits.defaults();
    private int maxMessageSize = 1024 * 1024;
    private int writeBufferHigh = 1024 * 1024;

    private Builder() {}

    private Builder(final HostConfig c) {
      agentVersion = c.agentVersion;
      ioThreads = c.ioThreads;
      handshakeTimeout = c.handshakeTimeout;
      loadedHandshakeTimeout = c.loadedHandshakeTimeout;
      negotiationTimeout = c.negotiationTimeout;
      idleTimeout = c.idleTimeout;
      keepAliveInterval = c.keepAliveInterval;
      admission = c.admission;
      yamux = c.yamux;
      maxMessageSize = c.maxMessageSize;
      writeBufferHigh = c.writeBufferHigh;
    }

    public Builder agentVersion(final String v) {
      agentVersion = v;
      return this;
    }

    public Builder ioThreads(final int n) {
      ioThreads = n;
      return this;
    }

    public Builder handshakeTimeout(final Duration d) {
      handshakeTimeout = d;
      return this;
    }

    public Builder loadedHandshakeTimeout(final Duration d) {
      loadedHandshakeTimeout = d;
      return this;
    }

    public Builder negotiationTimeout(final Duration d) {
      negotiationTimeout = d;
      return this;
    }

    public Builder idleTimeout(final Duration d) {
      idleTimeout = d;
      return this;
    }

    public Builder keepAliveInterval(final Duration d) {
      keepAliveInterval = d;
      return this;
    }

    public Builder admission(final Admission.Limits limits) {
      admission = limits;
      return this;
    }

    public Builder yamux(final YamuxLimits limits) {
      yamux = limits;
      return this;
    }

    public Builder maxStreamsPerConnection(final int max) {
      yamux = yamux.withMaxStreams(max);
      return this;
    }

    public Builder maxMessageSize(final int max) {
      maxMessageSize = max;
      return this;
    }

    public Builder writeBufferHigh(final int bytes) {
      writeBufferHigh = bytes;
      return this;
    }

    public HostConfig build() {
      return new HostConfig(agentVersion, ioThreads, handshakeTimeout, loadedHandshakeTimeout, negotiationTimeout,
          idleTimeout, keepAliveInterval, admission, yamux, maxMessageSize, writeBufferHigh);
    }
  }
}
