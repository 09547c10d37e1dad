package io.perpnet.node.api.dashboard;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's static files, read once from the jar: {@code /} is its page, {@code /dashboard/NAME}
 * one of {@link #FILES} (the page's script and style, and uPlot, the charting library bundled
 * from npm at build time). They hold no data and need no token: the page asks for one and calls
 * the API with it. Served with a Content-Security-Policy that allows only this origin, so nothing
 * is loaded from elsewhere and no inline script runs.
 */
public final class DashboardFiles {
  static final String ROOT = "io/perpnet/node/api/dashboard/";
  /** Every file served, by name, with its media type. */
  static final Map<String, String> FILES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "dashboard.js", "text/javascript; charset=utf-8",
      "dashboard.css", "text/css; charset=utf-8",
      "uPlot.iife.min.js", "text/javascript; charset=utf-8",
      "uPlot.min.css", "text/css; charset=utf-8");
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Map<String, byte[]> bytes = new HashMap<>();

  /** Reads every file; one missing from the jar is a build error, said at start. */
  public DashboardFiles() {
    for (final String name : FILES.keySet()) {
      try (InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
        if (in == null) {
          throw new IllegalStateException("the dashboard's " + name + " is not in the jar (" + ROOT + ")");
        }
        bytes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The file a GET of {@code path} asks for, if it is one of the dashboard's. */
  public static Optional<String> fileOf(final String path) {
    final String name = path.equals("/") ? "index.html"
        : path.startsWith("/dashboard/") ? path.substring("/dashboard/".length()) : null;
    return name != null && FILES.containsKey(name) ? Optional.of(name) : Optional.empty();
  }

  public FullHttpResponse response(final String name) {
    final byte[] b = bytes.get(name);
    final FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(b));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, FILES.get(name)).setInt(HttpHeaderNames.CONTENT_LENGTH, b.length)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-cache").set("Content-Security-Policy", CSP)
        .set("X-Content-Type-Options", "nosniff").set("Referrer-Policy", "no-referrer")
        .set("X-Frame-Options", "DENY");
    return r;
  }
}
