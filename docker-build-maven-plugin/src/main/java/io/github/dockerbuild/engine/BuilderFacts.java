package io.github.dockerbuild.engine;

import io.github.dockerbuild.domain.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * A buildx builder as {@code docker buildx inspect} describes it.
 *
 * @param name the builder's name
 * @param driver {@code docker}, {@code docker-container}, {@code remote}, {@code kubernetes}
 * @param platforms what its nodes can build (native and emulated)
 */
public record BuilderFacts(String name, String driver, List<Platform> platforms) {
  public BuilderFacts {
    platforms = List.copyOf(platforms);
  }

  /** Parses the text of {@code docker buildx inspect}. */
  public static BuilderFacts parse(String inspectOutput) {
    String name = null;
    String driver = null;
    List<Platform> platforms = new ArrayList<>();
    for (String raw : inspectOutput.split("\\R")) {
      String line = raw.strip();
      if (name == null && line.startsWith("Name:")) {
        name = line.substring(5).strip();
      } else if (driver == null && line.startsWith("Driver:")) {
        driver = line.substring(7).strip();
      } else if (line.startsWith("Platforms:")) {
        for (String p : line.substring(10).split(",")) {
          String text = p.strip().replace("*", "");
          if (!text.isEmpty()) {
            try {
              Platform platform = Platform.parse(text);
              if (!platforms.contains(platform)) {
                platforms.add(platform);
              }
            } catch (IllegalArgumentException ignored) {
              // a platform this plugin cannot name is not one it builds
            }
          }
        }
      }
    }
    return new BuilderFacts(name == null ? "default" : name, driver == null ? "unknown" : driver, platforms);
  }

  /** Whether this builder exports images through the engine's own image store. */
  public boolean usesEngineStore() {
    return driver.equals("docker");
  }
}
