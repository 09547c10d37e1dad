package io.perpnet.node.service;

/**
 * One part of the node with a small lifecycle: {@link #start()} once, {@link #stop()} once, in
 * reverse order of starting. A service that fails to start makes the node stop what it started.
 */
public interface Service {
  String name();

  void start() throws Exception;

  /** Releases what {@link #start()} took; must not throw. */
  void stop();
}
