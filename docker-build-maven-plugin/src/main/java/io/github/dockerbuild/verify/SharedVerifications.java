package io.github.dockerbuild.verify;

import io.github.dockerbuild.record.BuildRecord;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * The verdicts of one Maven run: a base image or cache source that several modules verify under the
 * same policy (the same text, the same formats, the same trust root) is resolved and verified once,
 * by the first module that asks; the others, also in a parallel build, wait for and take its
 * verdict. A run never shares verdicts with another.
 */
public final class SharedVerifications {
  /** What a verification found, whoever asked. */
  record Verdict(BuildRecord.Verification verification, String module) {}

  private final ConcurrentMap<String, CompletableFuture<Verdict>> verdicts = new ConcurrentHashMap<>();

  /** The verdict for {@code key}, made by {@code verify} if no module made it yet. */
  Verdict get(String key, String module, java.util.function.Supplier<BuildRecord.Verification> verify)
      throws InterruptedException {
    CompletableFuture<Verdict> mine = new CompletableFuture<>();
    CompletableFuture<Verdict> first = verdicts.putIfAbsent(key, mine);
    if (first == null) {
      try {
        Verdict verdict = new Verdict(verify.get(), module);
        mine.complete(verdict);
        return verdict;
      } catch (RuntimeException e) {
        verdicts.remove(key, mine); // a failure of our own, not a verdict: the next module tries again
        mine.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return first.get();
    } catch (ExecutionException e) {
      return get(key, module, verify);
    }
  }
}
