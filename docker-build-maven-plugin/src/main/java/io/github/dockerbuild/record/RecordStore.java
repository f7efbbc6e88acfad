package io.github.dockerbuild.record;

import io.github.dockerbuild.domain.BuildPlan;

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
  public static final String PLAN_FILE_NAME = "plan.json";
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
    writeAtomically(file, record);
  }

  /** The plan of the run, beside the record ({@value #PLAN_FILE_NAME}). */
  public Path planFile() {
    return file.resolveSibling(PLAN_FILE_NAME);
  }

  /** Writes the plan of the run; secrets in it are already redacted. */
  public void writePlan(BuildPlan plan) throws IOException {
    writeAtomically(planFile(), plan);
  }

  /** Reads the plan a goal of this run or an earlier one wrote. */
  public Optional<BuildPlan> readPlan() throws IOException {
    Path plan = planFile();
    if (!Files.isRegularFile(plan)) {
      return Optional.empty();
    }
    return Optional.of(JSON.readValue(plan.toFile(), BuildPlan.class));
  }

  /** Writes to a temporary file beside {@code target}, then moves it over: a reader never sees half a file. */
  private static void writeAtomically(Path target, Object value) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), value);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
