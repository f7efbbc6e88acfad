package io.github.dockerbuild.engine;

import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.Tree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded engine and buildx answers in {@code src/test/resources/engine/}. */
final class EngineFixtures {
  static final DockerEndpoint ENDPOINT = new DockerEndpoint(DockerEndpoint.DEFAULT_HOST, "the default socket");

  private EngineFixtures() {}

  static String text(String name) {
    try (InputStream in = EngineFixtures.class.getResourceAsStream("/engine/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /engine/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Tree json(String name) {
    try {
      return Json.tree(text(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of an answer with one field set (null: left out), as an engine that answers so would. */
  static Tree with(Tree answer, String field, Object value) {
    java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>();
    answer.fields().forEach((name, tree) -> copy.put(name, tree.value()));
    if (value == null) {
      copy.remove(field);
    } else {
      copy.put(field, value);
    }
    return Tree.of(copy);
  }

  static Tree version() {
    return json("version-26.1.json");
  }

  static Tree containerdInfo() {
    return json("info-containerd-store.json");
  }

  static Tree classicInfo() {
    return json("info-classic-store.json");
  }

  static EngineFacts containerdEngine() {
    return DockerJavaQueries.facts(ENDPOINT, version(), containerdInfo());
  }

  static EngineFacts classicEngine() {
    return DockerJavaQueries.facts(ENDPOINT, version(), classicInfo());
  }

  /** The default builder of the recorded engine: docker driver, amd64 (v1-v4) and arm64 via QEMU. */
  static BuilderFacts dockerDriverBuilder() {
    return BuilderFacts.parse(text("buildx-inspect-docker-driver.txt"));
  }

  static String buildxVersion() {
    return text("buildx-version.txt").strip();
  }
}
