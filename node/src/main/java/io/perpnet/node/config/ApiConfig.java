package io.perpnet.node.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The agent API's settings.
 *
 * @param listen where it listens (empty: no API)
 * @param allowRemote whether {@code listen} may be other than a loopback address
 * @param hosts the Host header values accepted (DNS-rebinding guard), without port
 * @param corsOrigins origins allowed cross-origin requests (empty: CORS off)
 * @param ratePerSecond requests per second per token, sustained
 * @param burst requests a token may make at once above the sustained rate
 */
public record ApiConfig(Optional<InetSocketAddress> listen, boolean allowRemote, List<String> hosts,
    List<String> corsOrigins, int ratePerSecond, int burst) {
  public ApiConfig {
    hosts = List.copyOf(hosts);
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** On 127.0.0.1 at a free port, the loopback hosts, no CORS, 10 requests/s with a burst of 20. */
  public static ApiConfig loopback() {
    return new ApiConfig(Optional.of(new InetSocketAddress("127.0.0.1", 0)), false,
        List.of("localhost", "127.0.0.1", "[::1]"), List.of(), 10, 20);
  }

  public static ApiConfig none() {
    return new ApiConfig(Optional.empty(), false, List.of(), List.of(), 10, 20);
  }

  public ApiConfig withRate(final int perSecond, final int burstSize) {
    return new ApiConfig(listen, allowRemote, hosts, corsOrigins, perSecond, burstSize);
  }
}
