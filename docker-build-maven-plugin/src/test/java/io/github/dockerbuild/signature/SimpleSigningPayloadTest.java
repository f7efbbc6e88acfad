package io.github.dockerbuild.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.registry.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SimpleSigningPayloadTest {

  @Test
  void toBytes_isByteForByteWhatCosignWrites() {
    SimpleSigningPayload parsed = SimpleSigningPayload.parse(GoldenKeySignature.payload());

    assertThat(parsed.toBytes()).isEqualTo(GoldenKeySignature.payload());
  }

  @Test
  void parse_cosignPayload() {
    SimpleSigningPayload parsed = SimpleSigningPayload.parse(GoldenKeySignature.payload());

    assertThat(parsed.manifestDigest()).isEqualTo(GoldenKeySignature.digest());
    assertThat(parsed.dockerReference()).endsWith("/golden/app");
    assertThat(parsed.optional()).isEmpty();
  }

  @Test
  void toBytes_optionalClaimsSortedByName() {
    SimpleSigningPayload payload = new SimpleSigningPayload("r/app", Digest.parse("sha256:" + "a".repeat(64)),
        Map.of("z", "1", "a", "2"));

    assertThat(new String(payload.toBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"critical\":{\"identity\":{\"docker-reference\":\"r/app\"},\"image\":{\"docker-manifest-digest\":"
            + "\"sha256:" + "a".repeat(64) + "\"},\"type\":\"cosign container image signature\"},"
            + "\"optional\":{\"a\":\"2\",\"z\":\"1\"}}");
  }

  @Test
  void parse_roundTripWithClaims() {
    SimpleSigningPayload payload = new SimpleSigningPayload("r/app", Digest.parse("sha256:" + "b".repeat(64)),
        Map.of("git", "abc"));

    assertThat(SimpleSigningPayload.parse(payload.toBytes())).isEqualTo(payload);
  }

  @Test
  void parse_nonStringClaimKeptAsJson() {
    String json = "{\"critical\":{\"identity\":{\"docker-reference\":\"r\"},\"image\":{\"docker-manifest-digest\":"
        + "\"sha256:" + "c".repeat(64) + "\"},\"type\":\"cosign container image signature\"},\"optional\":{\"n\":1}}";

    assertThat(SimpleSigningPayload.parse(json.getBytes(StandardCharsets.UTF_8)).optional()).containsEntry("n", "1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not json                                                                      | not JSON",
      "[1]                                                                           | not a JSON object",
      "{}                                                                            | critical.type is ''",
      "{\"critical\":{\"type\":\"other\"}}                                           | critical.type is 'other'",
      "{\"critical\":{\"type\":\"cosign container image signature\"}}                | docker-manifest-digest '' is not",
      "{\"critical\":{\"type\":\"cosign container image signature\",\"image\":{\"docker-manifest-digest\":\"md5:1\"}}} | 'md5:1' is not",
  })
  void parse_malformed_saysWhat(String json, String message) {
    assertThatThrownBy(() -> SimpleSigningPayload.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
