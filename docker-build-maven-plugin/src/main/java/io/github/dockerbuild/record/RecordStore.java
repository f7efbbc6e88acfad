package io.github.dockerbuild.record;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Reads and atomically writes the build record of one module (write a temp file, then move). */
public final class RecordStore {
  public static final String FILE_NAME = "build-record.json";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;

  /** @param dir the module's {@code target/docker-build} directory */
  public RecordStore(Path dir) {
    this.file = dir.resolve(FILE_NAME);
  }

  public Path file() {
    return file;
  }

  public Optional<BuildRecord> read() throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), BuildRecord.class));
    } catch (IOException e) {
      throw new IOException("the build record " + file + " cannot be read (" + e.getMessage()
          + "): delete it or run 'mvn clean'", e);
    }
  }

  /** Applies {@code change} to the current record (or an empty one) and writes the result. */
  public synchronized BuildRecord update(String module, UnaryOperator<BuildRecord> change) throws IOException {
    BuildRecord current = read().orElseGet(() -> BuildRecord.empty(module));
    BuildRecord next = change.apply(current);
    write(next);
    return next;
  }

  public synchronized void write(BuildRecord record) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), record);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
