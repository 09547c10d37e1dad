package io.perpnet.node.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The thinnest HTTP/1.1 and WebSocket client the benchmark can use, on one blocking keep-alive
 * socket each with TCP_NODELAY: what the API costs without a client library's own thread hops
 * (the JDK's HttpClient and WebSocket hand each message between threads). Only what the node
 * answers: Content-Length bodies, unfragmented server frames. Not for production use.
 */
final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final String token;

  RawClient(final int port, final String token) throws IOException {
    this.socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
    this.out = socket.getOutputStream();
    this.token = token;
  }

  /** One request on the kept-alive connection; answers the status and the body. */
  String[] request(final String method, final String path, final String body) throws IOException {
    final byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    final ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    request.write(b);
    out.write(request.toByteArray()); // one segment: headers and body together
    out.flush();
    final String status = line();
    int length = 0;
    for (String h = line(); !h.isEmpty(); h = line()) {
      if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).strip());
      }
    }
    final byte[] answer = new byte[length];
    in.readFully(answer);
    return new String[] {status.split(" ")[1], new String(answer, StandardCharsets.UTF_8)};
  }

  /** Upgrades this connection to a WebSocket at {@code path}. */
  void upgrade(final String path) throws IOException {
    final String key = Base64.getEncoder().encodeToString("perpnet-bench-key".getBytes(StandardCharsets.US_ASCII));
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    final String status = line();
    if (!status.contains(" 101 ")) {
      throw new IOException("no upgrade: " + status);
    }
    for (String h = line(); !h.isEmpty(); h = line()) {
      // the handshake's headers
    }
  }

  /** Sends one masked text frame (clients must mask; the mask here is zero, which is allowed). */
  void sendText(final String text) throws IOException {
    final byte[] p = text.getBytes(StandardCharsets.UTF_8);
    final ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(0x81);
    if (p.length < 126) {
      f.write(0x80 | p.length);
    } else {
      f.write(0x80 | 126);
      f.write(p.length >>> 8);
      f.write(p.length & 0xff);
    }
    f.write(new byte[4]);
    f.write(p);
    out.write(f.toByteArray());
    out.flush();
  }

  /** The next text frame's payload (pings and other control frames skipped). */
  String nextText() throws IOException {
    while (true) {
      final int b0 = in.readUnsignedByte();
      final int b1 = in.readUnsignedByte();
      long length = b1 & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      final byte[] payload = new byte[(int) length];
      in.readFully(payload);
      if ((b0 & 0x0f) == 1) {
        return new String(payload, StandardCharsets.UTF_8);
      }
    }
  }

  private String line() throws IOException {
    final StringBuilder s = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        s.append((char) c);
      }
    }
    return s.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
