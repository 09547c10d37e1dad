package io.perpnet.node.api.routes;

import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.Node;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.chain.OpenPosition;
import io.perpnet.node.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Our open positions with their accounts as the chain holds them now, in one round trip. */
record OurPositions(List<OpenPosition> open, List<Optional<EscrowAccounts.Position>> accounts) {
  static OurPositions read(final Node node) throws ApiError {
    try {
      final List<OpenPosition> open = node.positions();
      final List<byte[]> addresses = new ArrayList<>();
      open.forEach(p -> addresses.add(node.chain().client().program().position(p.matchId().bytes(),
          p.match().payload().positionBump()).address().toByteArray()));
      final List<Optional<EscrowAccounts.Position>> accounts = new ArrayList<>();
      if (!addresses.isEmpty()) {
        node.chain().rpc().accountsData(addresses).forEach(d -> accounts.add(d.map(EscrowAccounts::position)));
      }
      return new OurPositions(open, accounts);
    } catch (RpcError e) {
      throw new ApiError(ErrorCode.CHAIN_UNAVAILABLE, "cannot read our positions' accounts: " + e.getMessage());
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "cannot read our positions: " + e.getMessage());
    }
  }

  /** The funding each open position has settled so far, to us (negative: from us): our margin now minus at open. */
  List<Map.Entry<Integer, Long>> fundingSoFar() {
    final List<Map.Entry<Integer, Long>> out = new ArrayList<>();
    for (int i = 0; i < open.size(); i++) {
      final OpenPosition p = open.get(i);
      accounts.get(i).filter(a -> !a.closed()).ifPresent(a -> out.add(Map.entry(p.market(),
          Math.subtractExact(p.weAreMaker() ? a.makerMargin() : a.traderMargin(), p.margin()))));
    }
    return out;
  }
}
