package io.github.dockerbuild.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerbuild.registry.Digest;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DSSE and in-toto statements against the spec's test vector and the bundle the cosign CLI wrote. */
class DsseAndStatementTest {
  private static final Digest IMAGE = Digest.of("image".getBytes(StandardCharsets.UTF_8));

  @Test
  void pae_matchesTheSpecExample() {
    assertThat(new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void cosignBundle_signatureVerifiesOverOurPae() throws Exception {
    JsonNode bundle = new ObjectMapper().readTree(GoldenKeySignature.class.getResourceAsStream("/cosign/key-bundle/bundle.json"));
    Dsse.Envelope envelope = Dsse.Envelope.fromJson(io.github.dockerbuild.json.Json.tree(bundle.toString()).path("dsseEnvelope"));
    PublicKey key = PublicKeys.parsePem(GoldenKeySignature.publicKeyPem());

    assertThat(PublicKeys.verifies(key, envelope.pae(), envelope.signatures().get(0).sig())).isTrue();
    assertThat(PublicKeys.verifies(key, envelope.payload(), envelope.signatures().get(0).sig())).isFalse();
    assertThat(new ObjectMapper().readTree(new ObjectMapper().writeValueAsBytes(envelope.toJson())))
        .isEqualTo(bundle.path("dsseEnvelope"));
  }

  @Test
  void cosignStatement_parsesAndNamesOnlyItsDigest() throws Exception {
    JsonNode bundle = new ObjectMapper().readTree(GoldenKeySignature.class.getResourceAsStream("/cosign/key-bundle/bundle.json"));
    InTotoStatement statement = InTotoStatement.parse(Dsse.Envelope.fromJson(io.github.dockerbuild.json.Json.tree(bundle.toString()).path("dsseEnvelope")).payload());
    Digest signed = Digest.parse(new String(GoldenKeySignature.class.getResourceAsStream("/cosign/key-bundle/digest.txt")
        .readAllBytes(), StandardCharsets.UTF_8).trim());

    assertThat(statement.predicateType()).isEqualTo(CosignLayout.SIGN_PREDICATE_TYPE);
    assertThat(statement.subjects().get(0).name()).isEqualTo("127.0.0.1:5000/golden/sign-bundle");
    assertThat(statement.names(signed)).isTrue();
    assertThat(statement.names(IMAGE)).isFalse();
  }

  @Test
  void cosignSignature_writesCosignsFieldsInOrder_subjectWithoutName() {
    assertThat(new String(InTotoStatement.cosignSignature(IMAGE, Map.of()).toBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"" + IMAGE.hex()
            + "\"}}],\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\",\"predicate\":{}}");
    assertThat(new String(InTotoStatement.cosignSignature(IMAGE, Map.of("b", "2", "a", "1")).toBytes(),
        StandardCharsets.UTF_8)).contains("\"digest\":{\"sha256\":\"" + IMAGE.hex() + "\"},\"annotations\":{\"a\":\"1\",\"b\":\"2\"}");
  }

  @Test
  void statement_roundTrips() {
    InTotoStatement written = InTotoStatement.cosignSignature(IMAGE, Map.of("k", "v"));
    assertThat(InTotoStatement.parse(written.toBytes())).isEqualTo(written);
  }

  static Stream<Arguments> badStatements() {
    return Stream.of(
        Arguments.of("not json", "the statement is not JSON"),
        Arguments.of("[]", "the statement is not a JSON object"),
        Arguments.of("{\"_type\":\"x\"}", "the statement's _type is 'x', not an in-toto statement"),
        Arguments.of("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[]}", "the statement has no subject"),
        Arguments.of("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\"}]}",
            "a subject of the statement has no digest"),
        Arguments.of("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"ab\"}}]}",
            "the statement has no predicateType"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badStatements")
  void parse_namesWhatIsWrong(String json, String message) {
    assertThatThrownBy(() -> InTotoStatement.parse(json.getBytes(StandardCharsets.UTF_8))).hasMessage(message);
  }

  static Stream<Arguments> badEnvelopes() {
    return Stream.of(
        Arguments.of("[]", "the DSSE envelope is not a JSON object"),
        Arguments.of("{\"payload\":\"e30=\"}", "the DSSE envelope has no payloadType"),
        Arguments.of("{\"payloadType\":\"t\"}", "the DSSE envelope has no payload"),
        Arguments.of("{\"payloadType\":\"t\",\"payload\":\"!!\"}", "the DSSE envelope's payload is not base64"),
        Arguments.of("{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[]}", "the DSSE envelope has no signatures"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEnvelopes")
  void envelope_namesWhatIsWrong(String json, String message) throws Exception {
    io.github.dockerbuild.json.Tree node = io.github.dockerbuild.json.Json.tree(json);
    assertThatThrownBy(() -> Dsse.Envelope.fromJson(node)).hasMessage(message);
  }
}
