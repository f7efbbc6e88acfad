package io.github.dockerbuild.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent steps (one per platform, tag or signature) in parallel, bounded, and returns
 * every outcome in the order the steps were given. A failing step never stops the others: callers
 * decide what a failure means once all are done. {@code serial} runs them one after another on the
 * calling thread, to reproduce a failure.
 */
public final class StepRunner {
  private final int parallelism;

  private StepRunner(int parallelism) {
    this.parallelism = parallelism;
  }

  public static StepRunner parallel(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    return new StepRunner(parallelism);
  }

  public static StepRunner serial() {
    return new StepRunner(1);
  }

  public int parallelism() {
    return parallelism;
  }

  /** A named unit of work. */
  public record Step<T>(String name, Callable<T> work) {}

  /** What one step produced: a value or the exception it threw. */
  public record Outcome<T>(String name, T value, Exception failure) {
    public boolean succeeded() {
      return failure == null;
    }
  }

  /**
   * Runs all steps; returns when all have finished.
   *
   * @throws InterruptedException when interrupted; running steps are interrupted too
   */
  public <T> List<Outcome<T>> run(List<Step<T>> steps) throws InterruptedException {
    if (parallelism == 1 || steps.size() <= 1) {
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Step<T> step : steps) {
        outcomes.add(call(step));
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException();
        }
      }
      return outcomes;
    }
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, steps.size()),
            r -> {
              Thread t = new Thread(r, "docker-build-step-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Outcome<T>>> futures = new ArrayList<>();
      for (Step<T> step : steps) {
        futures.add(pool.submit(() -> call(step)));
      }
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<Outcome<T>> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("step runner failed", e.getCause());
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> Outcome<T> call(Step<T> step) {
    try {
      return new Outcome<>(step.name(), step.work().call(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome<>(step.name(), null, e);
    } catch (Exception e) {
      return new Outcome<>(step.name(), null, e);
    }
  }
}
