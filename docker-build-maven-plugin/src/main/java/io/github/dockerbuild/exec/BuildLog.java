package io.github.dockerbuild.exec;

/** Where the stages report progress; the mojo layer adapts it to Maven's log. Thread-safe. */
public interface BuildLog {
  void info(String message);

  void warn(String message);

  /** Detail a person asks for with {@code -X}. */
  default void debug(String message) {}

  /** Output of a child process, already prefixed. */
  default void output(String line) {
    info(line);
  }

  /** A log that drops everything, for tests that do not look at output. */
  BuildLog NONE =
      new BuildLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
      };
}
