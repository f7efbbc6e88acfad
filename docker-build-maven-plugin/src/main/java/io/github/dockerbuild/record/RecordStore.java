package io.github.dockerbuild.record;

import io.github.dockerbuild.domain.BuildPlan;

import io.github.dockerbuild.json.Binding;
import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.Tree;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** Reads and atomically writes the build record of one module (write a temp file, then move). */
public final class RecordStore {
  public static final String FILE_NAME = "build-record.json";
  public static final String PLAN_FILE_NAME = "plan.json";
  private final Path file;

  /** @param dir the module's {@code target/docker-build} directory */
  public RecordStore(Path dir) {
    this.file = dir.resolve(FILE_NAME);
  }

  public Path file() {
    return file;
  }

  /**
   * The record, if there is one.
   *
   * @throws IOException when it cannot be read, or an older or newer plugin wrote it (its stages'
   *     results are not this version's to read)
   */
  public Optional<BuildRecord> read() throws IOException {
    Optional<Tree> tree = tree();
    return tree.isEmpty() ? Optional.empty() : Optional.of(record(tree.get()));
  }

  /** The record file parsed, empty when there is none. */
  private Optional<Tree> tree() throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.tree(file));
    } catch (IOException e) {
      throw unreadable(e.getMessage(), e);
    }
  }

  private BuildRecord record(Tree tree) throws IOException {
    if (!tree.path("schema").isInt()) {
      throw unreadable("it is not a build record: no schema number", null);
    }
    int schema = tree.path("schema").asInt(0);
    if (schema != BuildRecord.SCHEMA) {
      throw new IOException("the build record " + file + " cannot be read (schema " + schema
          + ", written by another version of the plugin; this one reads schema " + BuildRecord.SCHEMA
          + "): rebuild the image with this version of the plugin, or delete the record or run 'mvn clean'");
    }
    try {
      return (BuildRecord) Binding.fromValue(tree.value(), BuildRecord.class);
    } catch (IOException e) {
      throw unreadable(e.getMessage(), e);
    }
  }

  private IOException unreadable(String why, Exception cause) {
    return new IOException("the build record " + file + " cannot be read (" + why + "): delete it or run 'mvn clean'",
        cause);
  }

  /**
   * Applies {@code change} to the current record (or an empty one, when there is none or another
   * version of the plugin wrote it) and writes the result.
   */
  public synchronized BuildRecord update(String module, UnaryOperator<BuildRecord> change) throws IOException {
    // parsed once: a record of another version's schema is started afresh, one that is no record fails
    Optional<Tree> tree = tree();
    boolean otherSchema = tree.isPresent() && tree.get().path("schema").isInt()
        && tree.get().path("schema").asInt(0) != BuildRecord.SCHEMA;
    BuildRecord current = tree.isEmpty() || otherSchema ? BuildRecord.empty(module) : record(tree.get());
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
    return Optional.of(Json.read(plan, BuildPlan.class));
  }

  /** Temporary files of this JVM: {@link #writeAtomically} names them. */
  private static final AtomicLong TEMPORARY = new AtomicLong(System.nanoTime());

  /** Writes to a temporary file beside {@code target}, then moves it over: a reader never sees half a file. */
  private static void writeAtomically(Path target, Object value) throws IOException {
    Files.createDirectories(target.getParent());
    String json = Json.write(value, Json.Style.PRETTY);
    // a name of its own, created new (not Files.createTempFile, whose SecureRandom costs every goal's
    // start about 40 classes for a file that lives a millisecond)
    Path tmp;
    while (true) {
      tmp = target.resolveSibling(target.getFileName() + "." + Long.toHexString(TEMPORARY.incrementAndGet()) + ".tmp");
      try {
        Files.writeString(tmp, json, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        break;
      } catch (FileAlreadyExistsException e) {
        // left by another run: the next name
      }
    }
    try {
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
