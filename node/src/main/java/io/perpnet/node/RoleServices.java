package io.perpnet.node;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.node.chain.ChainService;
import io.perpnet.node.commit.NonceAllocator;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.config.NodeRole;
import io.perpnet.node.keeper.KeeperService;
import io.perpnet.node.liquidator.LiquidatorService;
import io.perpnet.node.oracle.OracleService;
import io.perpnet.node.service.Service;
import io.perpnet.p2p.P2pNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The services of the network roles a node has besides trading: the prices service (an oracle
 * signs and posts; a keeper only posts what no one else did), the liquidator, and the keeper's
 * funding settlements. Each is present only with its role.
 */
public record RoleServices(Optional<OracleService> oracle, Optional<LiquidatorService> liquidator,
    Optional<KeeperService> keeper) {

  static RoleServices of(final NodeConfig config, final Ed25519KeyPair identity, final ChainService chain,
      final Supplier<P2pNetwork> network, final Supplier<NonceAllocator> nonces) {
    final boolean oracle = config.has(NodeRole.ORACLE);
    return new RoleServices(
        oracle || config.has(NodeRole.KEEPER)
            ? Optional.of(new OracleService(new OracleService.Wiring(identity, Bytes32.wrap(config.programId()), chain,
                network, nonces, oracle, config.roleConfig().oracle(), System::currentTimeMillis)))
            : Optional.empty(),
        config.has(NodeRole.LIQUIDATOR)
            ? Optional.of(new LiquidatorService(chain, config.wsUrl(), identity, config.roleConfig().liquidator(),
                System::currentTimeMillis))
            : Optional.empty(),
        config.has(NodeRole.KEEPER)
            ? Optional.of(new KeeperService(chain, identity, config.roleConfig().keeper(), System::currentTimeMillis))
            : Optional.empty());
  }

  /** In start order. */
  List<Service> services() {
    final List<Service> out = new ArrayList<>();
    oracle.ifPresent(out::add);
    liquidator.ifPresent(out::add);
    keeper.ifPresent(out::add);
    return out;
  }
}
