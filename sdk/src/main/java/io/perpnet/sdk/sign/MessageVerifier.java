package io.perpnet.sdk.sign;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.validation.InMemoryNonceRegistry;
import io.perpnet.consensus.validation.MessageValidator;
import io.perpnet.consensus.validation.ValidationContext;
import io.perpnet.consensus.validation.Verdict;
import java.util.Collection;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Checks what arrives by the network's rules, as a node does: decoding, the program and market it
 * is bound to, expiry, bounds, replay (each nonce once), and the signatures last. A refusal names
 * its {@link io.perpnet.consensus.validation.Rejection}.
 */
public final class MessageVerifier {
  private final MessageValidator validator;
  private final LongSupplier clock;

  public MessageVerifier(final Bytes32 program, final Collection<MarketParams> markets, final LongSupplier clockMs) {
    this.validator = new MessageValidator(new ValidationContext(program,
        markets.stream().collect(Collectors.toMap(MarketParams::id, m -> m)), ValidationContext.DEFAULT_MAX_LIFETIME_MS,
        new InMemoryNonceRegistry()));
    this.clock = clockMs;
  }

  /** The message's verdict: accepted with its decoded payload, or refused with the reason. */
  public Verdict verify(final byte[] wire) {
    return validator.validate(wire, clock.getAsLong());
  }
}
