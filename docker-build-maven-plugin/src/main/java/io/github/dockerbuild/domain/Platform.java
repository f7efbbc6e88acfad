package io.github.dockerbuild.domain;

import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.json.JsonCreator;
import io.github.dockerbuild.json.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** An OCI platform {@code os/arch[/variant]}, normalised the way BuildKit does. */
public record Platform(String os, String architecture, String variant) {
  private static final Pattern PART = Pattern.compile("[a-z0-9_]+");
  private static final Map<String, String> ARCH_ALIASES =
      Map.of("x86_64", "amd64", "x86-64", "amd64", "aarch64", "arm64", "armhf", "arm", "i386", "386");

  public Platform {
    if (variant != null && variant.isEmpty()) {
      variant = null;
    }
  }

  /**
   * Parses {@code linux/arm64}, {@code linux/arm/v7}, also {@code aarch64} or {@code x86_64}.
   *
   * @throws InvalidValueException naming the {@code platforms} parameter
   */
  @JsonCreator
  public static Platform parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    String[] parts = value.split("/", -1);
    int archIndex = parts.length == 1 ? 0 : 1;
    if (archIndex < parts.length) {
      parts[archIndex] = ARCH_ALIASES.getOrDefault(parts[archIndex], parts[archIndex]);
    }
    if (value.isEmpty() || parts.length > 3) {
      throw invalid(text);
    }
    for (String part : parts) {
      if (!PART.matcher(part).matches()) {
        throw invalid(text);
      }
    }
    String os = parts.length == 1 ? "linux" : parts[0];
    String arch = parts.length == 1 ? parts[0] : parts[1];
    String variant = parts.length == 3 ? parts[2] : null;
    arch = ARCH_ALIASES.getOrDefault(arch, arch);
    if (arch.equals("arm64") && "v8".equals(variant)) {
      variant = null;
    }
    if (arch.equals("arm") && variant == null) {
      variant = "v7";
    }
    return new Platform(os, arch, variant);
  }

  private static InvalidValueException invalid(String text) {
    return new InvalidValueException(
        "<platforms> (-Ddocker.platforms)", String.valueOf(text), "is not a platform",
        "use os/arch[/variant] such as linux/amd64, linux/arm64 or linux/arm/v7");
  }

  /** Docker's short architecture name: {@code amd64}, {@code arm64}, {@code armv7}. */
  public String archName() {
    return variant == null ? architecture : architecture + variant;
  }

  /** The name used for {@code {arch}} and {@code BUILD_ARCH}: an alias when one is configured. */
  public String archName(Map<String, String> aliases) {
    String alias = aliases.get(toString());
    if (alias == null) {
      alias = aliases.get(archName());
    }
    return alias == null ? archName() : alias;
  }

  @JsonValue
  @Override
  public String toString() {
    return variant == null ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
  }

  // written out, see Fields
  @Override
  public boolean equals(Object other) {
    return other instanceof Platform p && Fields.equal(os, p.os, architecture, p.architecture, variant, p.variant);
  }

  @Override
  public int hashCode() {
    return Fields.hash(os, architecture, variant);
  }
}
