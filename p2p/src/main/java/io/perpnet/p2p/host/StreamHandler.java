package io.perpnet.p2p.host;

import io.perpnet.p2p.yamux.YamuxStream;

/**
 * Sets up a stream once multistream-select agreed on its protocol: typically adds a few handlers
 * to the stream's pipeline. Bytes that arrived with the agreement reach the handlers added here.
 */
@FunctionalInterface
public interface StreamHandler {
  void init(YamuxStream stream, Connection connection, String protocol);
}
