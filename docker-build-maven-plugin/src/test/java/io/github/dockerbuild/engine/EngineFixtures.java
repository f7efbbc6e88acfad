package io.github.dockerbuild.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded engine and buildx answers in {@code src/test/resources/engine/}. */
final class EngineFixtures {
  static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
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

  static <T> T json(String name, Class<T> type) {
    try {
      return JSON.readValue(text(name), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Version version() {
    return json("version-26.1.json", Version.class);
  }

  static Info containerdInfo() {
    return json("info-containerd-store.json", Info.class);
  }

  static Info classicInfo() {
    return json("info-classic-store.json", Info.class);
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
