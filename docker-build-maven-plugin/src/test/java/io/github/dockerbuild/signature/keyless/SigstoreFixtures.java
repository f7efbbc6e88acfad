package io.github.dockerbuild.signature.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import io.github.dockerbuild.signature.SignatureEvidence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The generated keyless fixtures (test resources sigstore, made by src/test/fixtures/sigstore). */
final class SigstoreFixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  private SigstoreFixtures() {}

  static Path dir() {
    try {
      return Path.of(SigstoreFixtures.class.getResource("/sigstore/trusted_root.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path trustedRootFile() {
    return dir().resolve("trusted_root.json");
  }

  static SigstoreTrustedRoot trustedRoot() {
    try {
      return KeylessTrustRoot.fromFile(trustedRootFile());
    } catch (TrustRootException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every case directory, legacy and bundle. */
  static List<Path> cases() {
    try (Stream<Path> legacy = Files.list(dir().resolve("legacy")); Stream<Path> bundle = Files.list(dir().resolve("bundle"))) {
      return Stream.concat(legacy.sorted(), bundle.sorted()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path caseDir(String format, String name) {
    return dir().resolve(format).resolve(name);
  }

  static JsonNode caseJson(Path dir) {
    try {
      return JSON.readTree(dir.resolve("case.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SignatureEvidence evidence(Path dir) {
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

  static KeylessPolicy policy(JsonNode policy) {
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
