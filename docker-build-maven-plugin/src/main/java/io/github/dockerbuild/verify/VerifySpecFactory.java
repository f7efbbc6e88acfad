package io.github.dockerbuild.verify;

import io.github.dockerbuild.domain.InputRole;
import io.github.dockerbuild.signature.SignatureVerifier;
import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.signature.KeyVerifier;
import io.github.dockerbuild.signature.PublicKeys;
import io.github.dockerbuild.signature.TransparencyLogs;
import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.config.Problems;
import io.github.dockerbuild.registry.ImageRef;
import io.github.dockerbuild.registry.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.security.PublicKey;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the verify configuration into a {@link VerifySpec}: which images (base images named by
 * their build args, registry cache sources; once per platform where placeholders differ), under
 * which policies. Reports every bad field at once.
 */
public final class VerifySpecFactory {
  /** {@code <verifyBase>} values. */
  public static final String ALWAYS = "always";
  public static final String PUSH = "push";

  private VerifySpecFactory() {}

  /**
   * @param spec the image as the build stage would build it
   * @param baseImages names of the build args that hold base images
   * @param verifyBase {@code always}, or {@code push} to check base images only in builds that push
   * @param formats accepted signature formats ({@code legacy}, {@code bundle})
   * @param keyless makes the verifier of a keyless policy and gives key policies their trust root; null when
   *     keyless is not available (key policies then have no trust root)
   */
  public static VerifySpec create(
      ImageSpec spec, List<String> baseImages, PolicySettings base, PolicySettings cache, String verifyBase,
      List<String> formats, KeylessFactory keyless) {
    Problems problems = new Problems();
    Set<VerifyTarget> targets = new LinkedHashSet<>();
    Set<String> bad = new java.util.HashSet<>();
    for (String name : baseImages) {
      String value = spec.buildArgs().get(name);
      if (value == null) {
        problems.add("<baseImages> (-Ddocker.verify.baseImages)", name, "is not a build arg of the image",
            "add <buildArgs><" + name + ">REGISTRY/IMAGE:TAG</" + name + "></buildArgs>, the image FROM ${" + name
                + "} uses");
        continue;
      }
      for (Platform platform : spec.platforms()) {
        String ref = spec.buildArgs(platform).get(name);
        if (parses(problems, bad, "<buildArgs><" + name + ">", ref)) {
          targets.add(new VerifyTarget(InputRole.BASE, name, ref));
        }
      }
    }
    for (CacheEntry entry : spec.cacheFrom()) {
      for (Platform platform : spec.platforms()) {
        String ref = entry.resolve(spec.placeholders(platform)).registryRef();
        if (ref != null && parses(problems, bad, "<cacheFrom>", ref)) {
          targets.add(new VerifyTarget(InputRole.CACHE, entry.toArg(), ref));
        }
      }
    }
    String when = verifyBase == null ? ALWAYS : verifyBase.trim().toLowerCase(Locale.ROOT);
    if (!when.equals(ALWAYS) && !when.equals(PUSH)) {
      problems.add("<verifyBase> (-Ddocker.verify.base)", verifyBase, "is not always or push",
          "use always, or push to verify base images only when the build pushes");
    }
    Set<SignatureFormat> accepted = formats(problems, formats);
    SignatureVerifier baseVerifier = verifier(problems, base, keyless);
    SignatureVerifier cacheVerifier = verifier(problems, cache, keyless);
    problems.throwIfAny(spec.image());
    String skip = when.equals(PUSH) && !spec.push()
        ? "<verifyBase> is push and this build does not push" : null;
    String trust = keyless == null ? "" : keyless.trustRootIdentity();
    return new VerifySpec(spec.image(), List.copyOf(targets), baseVerifier, cacheVerifier, accepted, skip,
        policyKey(base, trust), policyKey(cache, trust));
  }

  /**
   * How transient registry errors are retried: {@code attempts} in all, the first wait
   * {@code delaySeconds}, doubling up to 16 times that, with jitter.
   */
  public static RetryPolicy retryPolicy(long attempts, long delaySeconds, String image) {
    Problems problems = new Problems();
    if (attempts < 1) {
      problems.add("<attempts> (-Ddocker.verify.attempts)", Long.toString(attempts), "is less than 1",
          "give 1 for no retry, 5 by default");
    }
    if (delaySeconds < 0) {
      problems.add("<retryDelay> (-Ddocker.verify.retryDelay)", Long.toString(delaySeconds), "is negative",
          "give the first wait in seconds, 2 by default");
    }
    problems.throwIfAny(image);
    return new RetryPolicy((int) Math.min(attempts, Integer.MAX_VALUE), Duration.ofSeconds(delaySeconds),
        Duration.ofSeconds(delaySeconds * 16), Duration.ofSeconds(120));
  }

  /**
   * Makes the verifier of a keyless policy (the trust root and identity checks), and gives key
   * policies that check the transparency log the trust root whose logs they check entries against.
   */
  @FunctionalInterface
  public interface KeylessFactory {
    SignatureVerifier create(PolicySettings policy, Problems problems);

    /**
     * The trust root for a key policy that does not ignore the log; empty when there is none (its
     * {@code tlog} check then fails, saying to give one) or after reporting why it cannot be had.
     */
    default Optional<TransparencyLogs> transparencyLogs(PolicySettings policy, Problems problems) {
      return Optional.empty();
    }

    /** Which trust root verifiers of this factory check against, as text (part of a verdict's key). */
    default String trustRootIdentity() {
      return "none";
    }
  }

  /** Everything a policy's verdict depends on, as text; null when there is no policy. */
  private static String policyKey(PolicySettings policy, String trustRoot) {
    if (policy == null || !policy.isSet()) {
      return null;
    }
    if (policy.publicKey() != null) {
      // the key file by its normalized path: app-a/../cosign.pub and app-b/../cosign.pub are one key
      return "key " + policy.publicKey().toAbsolutePath().normalize()
          + (policy.insecureIgnoreTlog() ? " (no transparency log)" : ", trust root " + trustRoot);
    }
    return policy.describe() + ", trust root " + trustRoot;
  }

  /** Whether {@code ref} parses; a bad one is reported once, however many platforms use it. */
  private static boolean parses(Problems problems, Set<String> bad, String parameter, String ref) {
    try {
      ImageRef.parse(ref);
      return true;
    } catch (IllegalArgumentException e) {
      if (!bad.add(parameter + ref)) {
        return false;
      }
      problems.add(parameter, ref, "is not an image reference (" + e.getMessage() + ")",
          "write REGISTRY/REPOSITORY:TAG or REGISTRY/REPOSITORY@sha256:...");
      return false;
    }
  }

  private static Set<SignatureFormat> formats(Problems problems, List<String> formats) {
    if (formats == null || formats.isEmpty()) {
      return EnumSet.allOf(SignatureFormat.class);
    }
    Set<SignatureFormat> accepted = EnumSet.noneOf(SignatureFormat.class);
    for (String format : formats) {
      try {
        accepted.add(SignatureFormat.valueOf(format.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        problems.add("<formats> (-Ddocker.verify.formats)", format, "is not a signature format",
            "use legacy, bundle, or both");
      }
    }
    return accepted;
  }

  private static SignatureVerifier verifier(Problems problems, PolicySettings policy, KeylessFactory keyless) {
    if (policy == null || !policy.isSet()) {
      return null;
    }
    if (policy.publicKey() != null && policy.isKeyless()) {
      problems.add(policy.parameter(), policy.publicKey().toString(), "sets both a public key and a keyless identity",
          "keep <publicKey> for key-based signatures, or the certificate fields for keyless ones");
      return null;
    }
    if (policy.publicKey() != null) {
      String pem;
      try {
        pem = Files.readString(policy.publicKey(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.add(policy.parameter() + "<publicKey>", policy.publicKey().toString(), "cannot be read ("
            + e.getClass().getSimpleName() + ")", "point it at a PEM public key such as cosign.pub");
        return null;
      }
      PublicKey key;
      try {
        key = PublicKeys.parsePem(pem);
      } catch (IllegalArgumentException e) {
        problems.add(policy.parameter() + "<publicKey>", policy.publicKey().toString(), e.getMessage(),
            "point it at a PEM public key such as cosign.pub");
        return null;
      }
      // the trust root is loaded (and the public-good one fetched) only when the log is checked
      TransparencyLogs logs = policy.insecureIgnoreTlog() || keyless == null ? null
          : keyless.transparencyLogs(policy, problems).orElse(null);
      return new KeyVerifier(key, policy.insecureIgnoreTlog(), logs);
    }
    if (keyless == null) {
      problems.add(policy.parameter(), "keyless", "is not supported in this version", "use <publicKey>");
      return null;
    }
    return keyless.create(policy, problems);
  }
}
