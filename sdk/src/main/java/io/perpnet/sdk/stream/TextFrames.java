package io.perpnet.sdk.stream;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One WebSocket connection's callbacks for a client that reconnects: whole text messages (frames
 * joined) and the end of the connection, each handed to the client's own thread in order, so the
 * client's state is touched by that thread only.
 */
public final class TextFrames implements WebSocket.Listener {
  private final Executor thread;
  private final Consumer<String> onText;
  private final Consumer<String> onLost;
  private final StringBuilder partial = new StringBuilder();

  /**
   * @param onText each whole text message
   * @param onLost once the connection ends, with why (closed by the other side, or failed)
   */
  public TextFrames(final Executor thread, final Consumer<String> onText, final Consumer<String> onLost) {
    this.thread = thread;
    this.onText = onText;
    this.onLost = onLost;
  }

  @Override
  public CompletionStage<?> onText(final WebSocket ws, final CharSequence data, final boolean last) {
    partial.append(data);
    if (last) {
      final String text = partial.toString();
      partial.setLength(0);
      thread.execute(() -> onText.accept(text));
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(final WebSocket ws, final int status, final String reason) {
    thread.execute(() -> onLost.accept("closed by the other side (" + status + " " + reason + ")"));
    return null;
  }

  @Override
  public void onError(final WebSocket ws, final Throwable error) {
    Throwable c = error;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    final String root = c.toString();
    thread.execute(() -> onLost.accept("connection failed: " + root));
  }
}
