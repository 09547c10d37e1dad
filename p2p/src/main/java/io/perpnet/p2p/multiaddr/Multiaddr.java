package io.perpnet.p2p.multiaddr;

import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.wire.UnsignedVarint;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A multiaddr: a sequence of (protocol, value) components with a text form
 * ({@code /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...}) and a binary form (each component is
 * uvarint(code) then the value, fixed-size or uvarint(length)-prefixed). Both parse strictly:
 * unknown protocols, bad values and trailing bytes are errors that say what is wrong.
 */
public final class Multiaddr {
  /** One component; {@code value} is the binary value (empty for value-less protocols). */
  public record Component(Protocol protocol, byte[] value) {
    public String valueText() {
      return switch (protocol) {
        case IP4 -> address(value).getHostAddress();
        case IP6 -> ip6Text(value);
        case TCP, UDP -> Integer.toString(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
        case DNS, DNS4, DNS6, DNSADDR -> new String(value, StandardCharsets.UTF_8);
        case P2P -> PeerId.fromMultihash(value).toBase58();
        default -> "";
      };
    }

    @Override
    public boolean equals(final Object o) {
      return o instanceof Component c && c.protocol == protocol && Arrays.equals(c.value, value);
    }

    @Override
    public int hashCode() {
      return protocol.hashCode() * 31 + Arrays.hashCode(value);
    }
  }

  private final List<Component> components;

  private Multiaddr(final List<Component> components) {
    this.components = List.copyOf(components);
  }

  public static Multiaddr of(final List<Component> components) {
    return new Multiaddr(components);
  }

  /** Parses the text form. */
  public static Multiaddr parse(final String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("a multiaddr starts with '/': " + text);
    }
    final String[] parts = text.substring(1).split("/", -1);
    final List<Component> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty() && i == parts.length - 1) {
        break; // a trailing slash
      }
      final Protocol p = Protocol.byName(parts[i]);
      if (p == null) {
        throw new IllegalArgumentException("unknown multiaddr protocol '" + parts[i] + "' in " + text);
      }
      if (p.size() == 0) {
        out.add(new Component(p, new byte[0]));
        continue;
      }
      if (++i >= parts.length || parts[i].isEmpty()) {
        throw new IllegalArgumentException("/" + p.protocolName() + " needs a value in " + text);
      }
      out.add(new Component(p, valueFromText(p, parts[i])));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("empty multiaddr");
    }
    return new Multiaddr(out);
  }

  /** Parses the binary form; every byte must belong to a component. */
  public static Multiaddr fromBytes(final byte[] bytes) {
    final List<Component> out = new ArrayList<>();
    int at = 0;
    try {
      while (at < bytes.length) {
        final UnsignedVarint.Decoded code = UnsignedVarint.decode(bytes, at, bytes.length);
        if (code == null) {
          throw new IllegalArgumentException("multiaddr ends inside a protocol code");
        }
        at += code.length();
        final Protocol p = Protocol.byCode(code.value());
        if (p == null) {
          throw new IllegalArgumentException("unknown multiaddr protocol code " + code.value());
        }
        int size = p.size();
        if (size < 0) {
          final UnsignedVarint.Decoded length = UnsignedVarint.decode(bytes, at, bytes.length);
          if (length == null || length.value() > bytes.length) {
            throw new IllegalArgumentException("multiaddr ends inside /" + p.protocolName() + "'s length");
          }
          at += length.length();
          size = (int) length.value();
        }
        if (at + size > bytes.length) {
          throw new IllegalArgumentException("multiaddr ends inside /" + p.protocolName() + "'s value");
        }
        final byte[] value = Arrays.copyOfRange(bytes, at, at + size);
        at += size;
        if (p == Protocol.P2P) {
          PeerId.fromMultihash(value); // validates
        }
        out.add(new Component(p, value));
      }
    } catch (UnsignedVarint.VarintException e) {
      throw new IllegalArgumentException("malformed multiaddr: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("empty multiaddr");
    }
    return new Multiaddr(out);
  }

  public byte[] toBytes() {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (final Component c : components) {
      UnsignedVarint.write(c.protocol().code(), out);
      if (c.protocol().size() < 0) {
        UnsignedVarint.write(c.value().length, out);
      }
      out.writeBytes(c.value());
    }
    return out.toByteArray();
  }

  public List<Component> components() {
    return components;
  }

  /** The peer id of a trailing /p2p component, if any. */
  public Optional<PeerId> peerId() {
    final Component last = components.getLast();
    return last.protocol() == Protocol.P2P ? Optional.of(PeerId.fromMultihash(last.value())) : Optional.empty();
  }

  /** This address with /p2p/{id} appended (or replaced). */
  public Multiaddr withPeerId(final PeerId id) {
    final List<Component> out = new ArrayList<>(withoutPeerId().components);
    out.add(new Component(Protocol.P2P, id.multihash()));
    return new Multiaddr(out);
  }

  public Multiaddr withoutPeerId() {
    return peerId().isPresent() ? new Multiaddr(components.subList(0, components.size() - 1)) : this;
  }

  /** The first value of {@code protocol}, as text. */
  public Optional<String> valueOf(final Protocol protocol) {
    return components.stream().filter(c -> c.protocol() == protocol).findFirst().map(Component::valueText);
  }

  @Override
  public String toString() {
    final StringBuilder sb = new StringBuilder();
    for (final Component c : components) {
      sb.append('/').append(c.protocol().protocolName());
      if (c.protocol().size() != 0) {
        sb.append('/').append(c.valueText());
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Multiaddr m && m.components.equals(components);
  }

  @Override
  public int hashCode() {
    return components.hashCode();
  }

  private static byte[] valueFromText(final Protocol p, final String text) {
    return switch (p) {
      case IP4 -> ipLiteral(text, 4);
      case IP6 -> ipLiteral(text, 16);
      case TCP, UDP -> port(text);
      case DNS, DNS4, DNS6, DNSADDR -> text.getBytes(StandardCharsets.UTF_8);
      case P2P -> PeerId.parse(text).multihash();
      default -> throw new IllegalArgumentException("/" + p.protocolName() + " takes no value");
    };
  }

  /** RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
  static String ip6Text(final byte[] v) {
    final int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((v[2 * i] & 0xFF) << 8) | (v[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    final StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  private static byte[] ipLiteral(final String text, final int length) {
    final boolean looksRight = length == 4 ? text.matches("\\d{1,3}(\\.\\d{1,3}){3}") : text.contains(":");
    if (!looksRight) {
      throw new IllegalArgumentException("not an IPv" + (length == 4 ? "4" : "6") + " address: " + text);
    }
    final byte[] bytes = address(text).getAddress();
    if (bytes.length != length) {
      throw new IllegalArgumentException("not an IPv" + (length == 4 ? "4" : "6") + " address: " + text);
    }
    return bytes;
  }

  private static InetAddress address(final Object value) {
    try {
      return value instanceof byte[] b ? InetAddress.getByAddress(b) : InetAddress.getByName((String) value);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad IP address: " + value, e);
    }
  }

  private static byte[] port(final String text) {
    final int port;
    try {
      port = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a port: " + text, e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + text);
    }
    return new byte[] {(byte) (port >>> 8), (byte) port};
  }
}
