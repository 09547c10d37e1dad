package io.perpnet.sdk.model;

/** What a deposit, withdrawal or transfer returns: its signature, the balance after (deposit and withdraw), the receiving token account (transfer). */
public record Transaction(String signature, Balance balance, String toTokenAccount) {}
