package io.perpnet.p2p.multiaddr;

import java.util.HashMap;
import java.util.Map;

/**
 * The multiaddr protocols this node reads and writes (multiformats multicodec table): code, name
 * and value size in bytes (0: no value, -1: uvarint length prefix then bytes).
 */
public enum Protocol {
  IP4(4, "ip4", 4),
  TCP(6, "tcp", 2),
  DNS(53, "dns", -1),
  DNS4(54, "dns4", -1),
  DNS6(55, "dns6", -1),
  DNSADDR(56, "dnsaddr", -1),
  IP6(41, "ip6", 16),
  UDP(273, "udp", 2),
  P2P_CIRCUIT(290, "p2p-circuit", 0),
  P2P(421, "p2p", -1),
  QUIC_V1(460, "quic-v1", 0),
  WS(477, "ws", 0);

  private static final Map<Integer, Protocol> BY_CODE = new HashMap<>();
  private static final Map<String, Protocol> BY_NAME = new HashMap<>();

  static {
    for (final Protocol p : values()) {
      BY_CODE.put(p.code, p);
      BY_NAME.put(p.name, p);
    }
    BY_NAME.put("ipfs", P2P); // the old name of /p2p
  }

  private final int code;
  private final String name;
  private final int size;

  Protocol(final int code, final String name, final int size) {
    this.code = code;
    this.name = name;
    this.size = size;
  }

  public int code() {
    return code;
  }

  public String protocolName() {
    return name;
  }

  /** Fixed value size in bytes, 0 for none, -1 for a length-prefixed value. */
  public int size() {
    return size;
  }

  static Protocol byCode(final long code) {
    return code > Integer.MAX_VALUE ? null : BY_CODE.get((int) code);
  }

  static Protocol byName(final String name) {
    return BY_NAME.get(name);
  }
}
