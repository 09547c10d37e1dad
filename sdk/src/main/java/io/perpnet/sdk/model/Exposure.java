package io.perpnet.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** Our notional at mark in one market: long, short and net. */
public record Exposure(String market, @JsonProperty("long") BigDecimal long_, @JsonProperty("short") BigDecimal short_, BigDecimal net) {}
