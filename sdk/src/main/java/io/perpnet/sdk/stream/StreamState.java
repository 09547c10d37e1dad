package io.perpnet.sdk.stream;

/** Where an {@link EventStream} is; each change is told to its state callback with a reason. */
public enum StreamState {
  /** Opening the first connection. */
  CONNECTING,
  /** Subscribed: events flow (first those missed, then live ones). */
  LIVE,
  /** The connection was lost or refused; the next attempt follows after a backoff. */
  RECONNECTING,
  /** Closed by {@link EventStream#close()}; nothing more is delivered. */
  CLOSED
}
