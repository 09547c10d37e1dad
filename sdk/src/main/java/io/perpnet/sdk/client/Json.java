package io.perpnet.sdk.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The SDK's JSON: amounts are {@link BigDecimal}s written as plain decimal strings ({@code "0.015"},
 * never {@code 1.5E-2} or a JSON number), as the API requires; fields a newer node adds are ignored.
 */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new SimpleModule().addSerializer(BigDecimal.class, new PlainDecimal()))
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

  private Json() {}

  private static final class PlainDecimal extends JsonSerializer<BigDecimal> {
    @Override
    public void serialize(final BigDecimal v, final JsonGenerator g, final SerializerProvider p) throws IOException {
      g.writeString(v.toPlainString());
    }
  }
}
