package io.perpnet.p2p.host;

import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.multiaddr.Protocol;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Conversion between TCP multiaddrs ({@code /ip4|ip6|dns4|dns6|dns/<host>/tcp/<port>[/p2p/<id>]}) and socket addresses. */
final class TcpAddresses {
  private TcpAddresses() {}

  /**
   * The socket address to dial; DNS names are resolved here (dns4 to IPv4, dns6 to IPv6).
   *
   * @throws IllegalArgumentException if the address is not a TCP address we can dial
   */
  static InetSocketAddress resolve(final Multiaddr address) throws UnknownHostException {
    final List<Multiaddr.Component> c = address.withoutPeerId().components();
    if (c.size() != 2 || c.get(1).protocol() != Protocol.TCP) {
      throw new IllegalArgumentException("not a TCP address: " + address + " (expected /ip4|ip6|dns4|dns6/<host>/tcp/<port>)");
    }
    final int port = Integer.parseInt(c.get(1).valueText());
    final String host = c.get(0).valueText();
    final InetAddress ip = switch (c.get(0).protocol()) {
      case IP4, IP6 -> InetAddress.getByAddress(c.get(0).value());
      case DNS4 -> pick(InetAddress.getAllByName(host), Inet4Address.class, address);
      case DNS6 -> pick(InetAddress.getAllByName(host), Inet6Address.class, address);
      case DNS -> InetAddress.getByName(host);
      default -> throw new IllegalArgumentException("not a TCP address: " + address);
    };
    return new InetSocketAddress(ip, port);
  }

  static Multiaddr of(final InetSocketAddress socket) {
    final InetAddress ip = socket.getAddress();
    final String family = ip instanceof Inet6Address ? "ip6" : "ip4";
    return Multiaddr.parse("/" + family + "/" + ip.getHostAddress().replaceAll("%.*$", "") + "/tcp/" + socket.getPort());
  }

  private static InetAddress pick(final InetAddress[] all, final Class<? extends InetAddress> family, final Multiaddr a)
      throws UnknownHostException {
    for (final InetAddress ip : all) {
      if (family.isInstance(ip)) {
        return ip;
      }
    }
    throw new UnknownHostException("no " + family.getSimpleName() + " for " + a);
  }
}
