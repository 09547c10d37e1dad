package io.perpnet.p2p.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when a Netty buffer leak is reported during it. Registered for every JUnit test of
 * the modules that have the p2p test classes on their path (through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}; the parent pom turns on
 * extension autodetection). jqwik properties call {@link NettyLeaks#assertNone} themselves.
 */
public final class NettyLeakExtension implements BeforeAllCallback, AfterEachCallback {
  @Override
  public void beforeAll(final ExtensionContext context) {
    NettyLeaks.install();
  }

  @Override
  public void afterEach(final ExtensionContext context) {
    NettyLeaks.assertNone(context.getDisplayName() + " in " + context.getRequiredTestClass().getSimpleName());
  }
}
