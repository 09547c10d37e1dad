package io.perpnet.node.config;

import io.perpnet.consensus.commitment.Role;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a node does; a node may do several. Trader and maker sign matches (the consensus
 * {@link Role}s); an oracle signs and posts prices; a liquidator liquidates under-margined
 * positions of anyone; a keeper settles funding and pushes prices no one else pushed.
 */
public enum NodeRole {
  TRADER,
  MAKER,
  ORACLE,
  LIQUIDATOR,
  KEEPER;

  /** The lower-case name the settings and the API use. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<NodeRole> parse(final String label) {
    for (final NodeRole r : values()) {
      if (r.label().equals(label)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The roles among {@code roles} that sign matches. */
  public static Set<Role> signing(final Set<NodeRole> roles) {
    final Set<Role> out = EnumSet.noneOf(Role.class);
    if (roles.contains(TRADER)) {
      out.add(Role.TRADER);
    }
    if (roles.contains(MAKER)) {
      out.add(Role.MAKER);
    }
    return out;
  }
}
