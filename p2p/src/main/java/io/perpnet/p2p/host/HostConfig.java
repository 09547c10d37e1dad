package io.perpnet.p2p.host;

import java.time.Duration;

/**
 * Limits and timeouts of a {@link Host}. Every stage of a connection has one, so a peer that
 * stalls or floods is cut off instead of holding resources.
 *
 * @param agentVersion what Identify tells peers we run
 * @param ioThreads event-loop threads (one is enough for most nodes; everything of one connection
 *     runs on one thread)
 * @param handshakeTimeout from TCP connect to a ready Yamux session (security and muxer negotiation)
 * @param negotiationTimeout for multistream-select on a new stream
 * @param idleTimeout a connection from which nothing arrives for this long is closed (Yamux
 *     keep-alive pings count, so only dead peers go)
 * @param keepAliveInterval how often we ping each connection
 * @param maxConnections established plus pending connections; more are refused at accept
 * @param maxStreamsPerConnection open Yamux streams per connection; more are reset
 * @param maxMessageSize the largest length-prefixed message any protocol accepts
 */
public record HostConfig(
    String agentVersion,
    int ioThreads,
    Duration handshakeTimeout,
    Duration negotiationTimeout,
    Duration idleTimeout,
    Duration keepAliveInterval,
    int maxConnections,
    int maxStreamsPerConnection,
    int maxMessageSize) {

  public static final String AGENT_VERSION = "perpnet/0.1.0";

  public HostConfig {
    if (ioThreads < 1 || maxConnections < 1 || maxStreamsPerConnection < 1 || maxMessageSize < 1) {
      throw new IllegalArgumentException("threads and limits must be positive");
    }
  }

  public static HostConfig defaults() {
    return new HostConfig(AGENT_VERSION, 1, Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofSeconds(120), Duration.ofSeconds(30), 256, 256, 1024 * 1024);
  }

  public HostConfig withMaxConnections(final int max) {
    return new HostConfig(agentVersion, ioThreads, handshakeTimeout, negotiationTimeout, idleTimeout,
        keepAliveInterval, max, maxStreamsPerConnection, maxMessageSize);
  }

  public HostConfig withMaxStreamsPerConnection(final int max) {
    return new HostConfig(agentVersion, ioThreads, handshakeTimeout, negotiationTimeout, idleTimeout,
        keepAliveInterval, maxConnections, max, maxMessageSize);
  }

  public HostConfig withTimeouts(final Duration handshake, final Duration negotiation, final Duration idle) {
    return new HostConfig(agentVersion, ioThreads, handshake, negotiation, idle, keepAliveInterval,
        maxConnections, maxStreamsPerConnection, maxMessageSize);
  }

  public HostConfig withMaxMessageSize(final int max) {
    return new HostConfig(agentVersion, ioThreads, handshakeTimeout, negotiationTimeout, idleTimeout,
        keepAliveInterval, maxConnections, maxStreamsPerConnection, max);
  }
}
