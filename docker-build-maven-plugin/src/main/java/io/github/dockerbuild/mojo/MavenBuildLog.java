package io.github.dockerbuild.mojo;

import io.github.dockerbuild.exec.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** Maven's log as a {@link BuildLog}; lines of parallel builds are written whole. */
final class MavenBuildLog implements BuildLog {
  private final Log log;

  MavenBuildLog(Log log) {
    this.log = log;
  }

  @Override
  public synchronized void info(String message) {
    log.info(message);
  }

  @Override
  public synchronized void warn(String message) {
    log.warn(message);
  }

  @Override
  public synchronized void debug(String message) {
    if (log.isDebugEnabled()) {
      log.debug(message);
    }
  }
}
