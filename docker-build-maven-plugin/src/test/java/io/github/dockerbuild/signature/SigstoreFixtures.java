package io.github.dockerbuild.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import io.github.dockerbuild.signature.keyless.KeylessPolicy;
import io.github.dockerbuild.signature.keyless.KeylessTrustRoot;
import io.github.dockerbuild.signature.keyless.TrustRootException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The generated fixtures (test resources sigstore, made by src/test/fixtures/sigstore): keyless cases
 * under {@code legacy/} and {@code bundle/}, key cases under {@code key/legacy/} and {@code key/bundle/}.
 */
public final class SigstoreFixtures {
  public static final ObjectMapper JSON = new ObjectMapper();

  private SigstoreFixtures() {}

  public static Path dir() {
    try {
      return Path.of(SigstoreFixtures.class.getResource("/sigstore/trusted_root.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path trustedRootFile() {
    return dir().resolve("trusted_root.json");
  }

  public static SigstoreTrustedRoot trustedRoot() {
    try {
      return KeylessTrustRoot.fromFile(trustedRootFile());
    } catch (TrustRootException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every keyless case directory, legacy and bundle. */
  public static List<Path> cases() {
    return cases(dir());
  }

  /** Every case directory below {@code under}, legacy then bundle, each sorted. */
  public static List<Path> cases(Path under) {
    try (Stream<Path> legacy = Files.list(under.resolve("legacy")); Stream<Path> bundle = Files.list(under.resolve("bundle"))) {
      return Stream.concat(legacy.sorted(), bundle.sorted()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path caseDir(String format, String name) {
    return dir().resolve(format).resolve(name);
  }

  public static JsonNode caseJson(Path dir) {
    try {
      return JSON.readTree(dir.resolve("case.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SignatureEvidence evidence(Path dir) {
    try {
      if (Files.exists(dir.resolve("bundle.json"))) {
        return new SignatureEvidence.Bundle(Files.readAllBytes(dir.resolve("bundle.json")));
      }
      Map<String, String> annotations = new LinkedHashMap<>();
      JSON.readTree(dir.resolve("annotations.json").toFile()).fields()
          .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
      return new SignatureEvidence.Legacy(Files.readAllBytes(dir.resolve("payload.json")), annotations);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static KeylessPolicy policy(JsonNode policy) {
    return KeylessPolicy.builder()
        .identity(policy.path("identity").asText(null))
        .identityRegexp(policy.path("identityRegexp").asText(null))
        .issuer(policy.path("issuer").asText(null))
        .issuerRegexp(policy.path("issuerRegexp").asText(null))
        .githubRepository(policy.path("githubRepository").asText(null))
        .githubRef(policy.path("githubRef").asText(null))
        .githubTrigger(policy.path("githubTrigger").asText(null))
        .build("registry.example/octo-org/app");
  }
}
