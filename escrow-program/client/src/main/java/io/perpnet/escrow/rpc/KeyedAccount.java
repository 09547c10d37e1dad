package io.perpnet.escrow.rpc;

/** An account's address and data, as getProgramAccounts and program notifications carry them. */
public record KeyedAccount(byte[] address, byte[] data) {
  public KeyedAccount {
    address = address.clone();
    data = data.clone();
  }
}
