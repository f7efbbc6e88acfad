package io.github.dockerbuild.buildx;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts, from BuildKit's plain progress output, the Dockerfile steps taken from the cache and those
 * executed. A step is a vertex named like {@code #7 [2/3] RUN ...} or {@code #7 [build 2/3] RUN ...};
 * BuildKit then prints {@code #7 CACHED} or, after running it, {@code #7 DONE 1.2s}. Internal
 * vertices ({@code [internal] load ...}, exporting, pushing) are not steps. Thread-safe: fed line
 * by line while the build runs.
 */
final class ProgressTally {
  private static final Pattern STEP = Pattern.compile("^#(\\d+) \\[(?:[^\\]]*\\s)?\\d+/\\d+\\] ");
  private static final Pattern CACHED = Pattern.compile("^#(\\d+) CACHED\\s*$");
  private static final Pattern DONE = Pattern.compile("^#(\\d+) DONE\\b");
  /** A vertex's name: {@code #4 importing cache manifest from REF}. */
  private static final Pattern VERTEX = Pattern.compile("^#(\\d+) ([a-z].*)$");
  private static final Pattern ERROR = Pattern.compile("^#(\\d+) ERROR: (.*)$");
  /** BuildKit's own push retry: {@code #6 0.240 error: ...: 503 Service Unavailable}, then {@code #6 0.240 retrying in 1s}. */
  private static final Pattern STEP_ERROR = Pattern.compile("^#(\\d+) [\\d.]+ error: (.*)$");
  private static final Pattern RETRYING = Pattern.compile("^#(\\d+) [\\d.]+ retrying in ");

  private final java.util.Map<String, String> lastError = new java.util.HashMap<>();
  private final java.util.List<String> retried = new java.util.ArrayList<>();

  private final java.util.Map<String, String> cacheVertices = new java.util.HashMap<>();
  private final java.util.List<String> cacheErrors = new java.util.ArrayList<>();

  private final Set<String> steps = new HashSet<>();
  private final Set<String> cached = new HashSet<>();
  private final Set<String> done = new HashSet<>();

  synchronized void accept(String line) {
    Matcher se = STEP_ERROR.matcher(line);
    if (se.find()) {
      lastError.put(se.group(1), se.group(2));
      return;
    }
    Matcher r = RETRYING.matcher(line);
    if (r.find()) {
      String error = lastError.remove(r.group(1));
      if (error != null) {
        retried.add(error);
      }
      return;
    }
    Matcher e = ERROR.matcher(line);
    if (e.find()) {
      String vertex = cacheVertices.get(e.group(1));
      if (vertex != null) {
        cacheErrors.add(vertex + ": " + e.group(2));
      }
      return;
    }
    Matcher v = VERTEX.matcher(line);
    if (v.find() && isCacheVertex(v.group(2))) {
      cacheVertices.putIfAbsent(v.group(1), v.group(2).trim());
    }
    Matcher m = STEP.matcher(line);
    if (m.find()) {
      steps.add(m.group(1));
      return;
    }
    m = CACHED.matcher(line);
    if (m.find()) {
      cached.add(m.group(1));
      return;
    }
    m = DONE.matcher(line);
    if (m.find()) {
      done.add(m.group(1));
    }
  }

  /** BuildKit's cache import and export vertices ({@code importing cache manifest from ...}, {@code exporting cache ...}). */
  private static boolean isCacheVertex(String name) {
    return name.startsWith("importing cache manifest from ") || name.startsWith("exporting cache")
        || name.startsWith("preparing build cache for export") || name.startsWith("writing cache manifest")
        || name.startsWith("exporting to GitHub Actions Cache");
  }

  /**
   * The cache imports and exports that failed, one {@code vertex: error} each, in order: with
   * {@code ignore-error=true} on the exports BuildKit goes on without them, and says so only here.
   */
  synchronized java.util.List<String> cacheErrors() {
    return java.util.List.copyOf(cacheErrors);
  }

  /** The registry errors BuildKit retried by itself while pushing, in order. */
  synchronized java.util.List<String> retriedErrors() {
    return java.util.List.copyOf(retried);
  }

  /** Steps BuildKit took from the cache. */
  synchronized int cached() {
    return (int) steps.stream().filter(cached::contains).count();
  }

  /** Steps BuildKit ran (finished and not cached). */
  synchronized int executed() {
    return (int) steps.stream().filter(s -> done.contains(s) && !cached.contains(s)).count();
  }
}
