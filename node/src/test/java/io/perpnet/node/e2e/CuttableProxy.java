package io.perpnet.node.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 in front of a server, which a test can cut (every relayed connection
 * closed, new ones refused) and restore: a network outage between a node and its RPC.
 */
final class CuttableProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean cut;

  CuttableProxy(final InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("proxy-accept").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Closes every relayed connection and refuses new ones until {@link #restore()}. */
  void cut() {
    cut = true;
    open.forEach(CuttableProxy::quietly);
    open.clear();
  }

  void restore() {
    cut = false;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        final Socket client = server.accept();
        if (cut) {
          quietly(client);
          continue;
        }
        final Socket upstream = new Socket(target.getAddress(), target.getPort());
        open.add(client);
        open.add(upstream);
        Thread.ofVirtual().start(() -> pipe(client, upstream));
        Thread.ofVirtual().start(() -> pipe(upstream, client));
      } catch (IOException e) {
        // the server closed, or the target refused: this connection is gone, the next may work
      }
    }
  }

  private static void pipe(final Socket from, final Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // either side closed
    } finally {
      quietly(from);
      quietly(to);
    }
  }

  private static void quietly(final Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    cut();
    server.close();
  }
}
