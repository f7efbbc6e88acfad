package io.github.dockerbuild.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A build log that keeps every line, for tests that assert what a stage said. Thread-safe. */
public final class RecordingBuildLog implements BuildLog {
  public final List<String> info = Collections.synchronizedList(new ArrayList<>());
  public final List<String> warn = Collections.synchronizedList(new ArrayList<>());
  public final List<String> output = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void info(String message) {
    info.add(message);
  }

  @Override
  public void warn(String message) {
    warn.add(message);
  }

  @Override
  public void output(String line) {
    output.add(line);
  }

  /** Every line, info and warnings, for checks that nothing secret was logged. */
  public List<String> all() {
    List<String> lines = new ArrayList<>(info);
    lines.addAll(warn);
    lines.addAll(output);
    return lines;
  }
}
