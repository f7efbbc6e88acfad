package io.github.dockerbuild.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code docker-credential-<name> get} with the server URL on stdin. Behind an interface so tests
 * need no helper binary.
 */
@FunctionalInterface
public interface CredentialHelper {
  /**
   * @param helper the helper name, e.g. {@code desktop}, {@code ecr-login}
   * @param serverUrl what to write to the helper's stdin
   */
  Result get(String helper, String serverUrl) throws IOException, InterruptedException;

  /** The helper's exit code and output; stdout carries the secret and is never put in a message. */
  record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "Result[exitCode=" + exitCode + ", stderr=" + stderr + "]";
    }
  }

  /** The real helper on the PATH, with a timeout. */
  static CredentialHelper process(Duration timeout) {
    return (helper, serverUrl) -> {
      Process process = new ProcessBuilder(List.of("docker-credential-" + helper, "get")).start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      try (OutputStream in = process.getOutputStream()) {
        in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("did not answer within " + timeout.toSeconds() + " s");
      }
      return new Result(process.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    };
  }

  private static byte[] readAll(java.io.InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
