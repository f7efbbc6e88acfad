package io.github.dockerbuild.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class StepRunnerTest {

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private static StepRunner.Step<String> step(String name, java.util.concurrent.Callable<String> work) {
    return new StepRunner.Step<>(name, work);
  }

  @ParameterizedTest(name = "parallel({0})")
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void parallel_lessThanOne_refused(int parallelism) {
    assertThatThrownBy(() -> StepRunner.parallel(parallelism))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be at least 1, was " + parallelism);
  }

  @Test
  void parallelism_reported() {
    assertThat(StepRunner.parallel(1).parallelism()).isEqualTo(1);
    assertThat(StepRunner.parallel(4).parallelism()).isEqualTo(4);
    assertThat(StepRunner.serial().parallelism()).isEqualTo(1);
  }

  @Test
  void run_parallel_outcomesInStepOrderEvenWhenFinishingInReverse() throws Exception {
    // step i can only finish after step i+1 has: they must run at the same time and finish last-to-first
    int n = 3;
    CountDownLatch[] done = new CountDownLatch[n + 1];
    for (int i = 0; i <= n; i++) {
      done[i] = new CountDownLatch(1);
    }
    done[n].countDown();
    List<String> finished = Collections.synchronizedList(new ArrayList<>());
    List<StepRunner.Step<String>> steps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      steps.add(step("s" + i, () -> {
        if (!done[index + 1].await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("steps did not run in parallel");
        }
        finished.add("s" + index);
        done[index].countDown();
        return "v" + index;
      }));
    }

    List<StepRunner.Outcome<String>> outcomes = StepRunner.parallel(n).run(steps);

    assertThat(finished).containsExactly("s2", "s1", "s0");
    assertThat(outcomes).extracting(StepRunner.Outcome::name).containsExactly("s0", "s1", "s2");
    assertThat(outcomes).extracting(StepRunner.Outcome::value).containsExactly("v0", "v1", "v2");
    assertThat(outcomes).allMatch(StepRunner.Outcome::succeeded);
  }

  @Test
  void run_parallel_isBounded() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    CyclicBarrier pairs = new CyclicBarrier(2);
    List<StepRunner.Step<String>> steps = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      steps.add(step("s" + i, () -> {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        pairs.await(10, TimeUnit.SECONDS);
        running.decrementAndGet();
        return "ok";
      }));
    }

    List<StepRunner.Outcome<String>> outcomes = StepRunner.parallel(2).run(steps);

    assertThat(outcomes).allMatch(StepRunner.Outcome::succeeded);
    assertThat(maxRunning.get()).isEqualTo(2);
  }

  @Test
  void run_parallel_failureDoesNotStopOthers() throws Exception {
    List<StepRunner.Outcome<String>> outcomes = StepRunner.parallel(4).run(List.of(
        step("linux/amd64", () -> "a"),
        step("linux/arm64", () -> {
          throw new IOException("boom");
        }),
        step("linux/arm/v7", () -> "c"),
        step("linux/s390x", () -> {
          throw new IllegalStateException("bad");
        })));

    assertThat(outcomes).extracting(StepRunner.Outcome::name)
        .containsExactly("linux/amd64", "linux/arm64", "linux/arm/v7", "linux/s390x");
    assertThat(outcomes).extracting(StepRunner.Outcome::succeeded).containsExactly(true, false, true, false);
    assertThat(outcomes.get(0).value()).isEqualTo("a");
    assertThat(outcomes.get(1).failure()).isInstanceOf(IOException.class).hasMessage("boom");
    assertThat(outcomes.get(1).value()).isNull();
    assertThat(outcomes.get(2).value()).isEqualTo("c");
    assertThat(outcomes.get(3).failure()).isInstanceOf(IllegalStateException.class).hasMessage("bad");
  }

  @Test
  void run_serial_failureDoesNotStopOthersAndKeepsOrder() throws Exception {
    List<String> ran = new ArrayList<>();

    List<StepRunner.Outcome<String>> outcomes = StepRunner.serial().run(List.of(
        step("a", () -> {
          ran.add("a");
          return "A";
        }),
        step("b", () -> {
          ran.add("b");
          throw new IOException("boom");
        }),
        step("c", () -> {
          ran.add("c");
          return "C";
        })));

    assertThat(ran).containsExactly("a", "b", "c");
    assertThat(outcomes).extracting(StepRunner.Outcome::succeeded).containsExactly(true, false, true);
    assertThat(outcomes.get(1).failure()).hasMessage("boom");
  }

  @Test
  void run_serial_runsOnTheCallingThread() throws Exception {
    Thread caller = Thread.currentThread();
    List<Thread> threads = new ArrayList<>();

    StepRunner.serial().run(List.of(
        step("a", () -> {
          threads.add(Thread.currentThread());
          return "";
        }),
        step("b", () -> {
          threads.add(Thread.currentThread());
          return "";
        })));

    assertThat(threads).containsExactly(caller, caller);
  }

  @Test
  void run_parallelOfOneOrOneStep_runsOnTheCallingThread() throws Exception {
    Thread caller = Thread.currentThread();
    AtomicReference<Thread> single = new AtomicReference<>();
    AtomicReference<Thread> one = new AtomicReference<>();

    StepRunner.parallel(4).run(List.of(step("only", () -> {
      single.set(Thread.currentThread());
      return "";
    })));
    StepRunner.parallel(1).run(List.of(step("a", () -> {
      one.set(Thread.currentThread());
      return "";
    }), step("b", () -> "")));

    assertThat(single.get()).isSameAs(caller);
    assertThat(one.get()).isSameAs(caller);
  }

  @Test
  void run_parallel_usesNamedDaemonThreads() throws Exception {
    List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    StepRunner.Step<String> record = step("x", () -> {
      threads.add(Thread.currentThread());
      return "";
    });

    StepRunner.parallel(2).run(List.of(record, record));

    assertThat(threads).hasSize(2).allSatisfy(t -> {
      assertThat(t).isNotSameAs(Thread.currentThread());
      assertThat(t.getName()).startsWith("docker-build-step-");
      assertThat(t.isDaemon()).isTrue();
    });
  }

  @Test
  void run_noSteps_noOutcomes() throws Exception {
    assertThat(StepRunner.parallel(3).run(List.<StepRunner.Step<String>>of())).isEmpty();
    assertThat(StepRunner.serial().run(List.<StepRunner.Step<String>>of())).isEmpty();
  }

  @Test
  void run_serial_interruptedStepStopsTheRest() {
    List<String> ran = new ArrayList<>();

    assertThatThrownBy(() -> StepRunner.serial().run(List.of(
        step("a", () -> {
          ran.add("a");
          return "";
        }),
        step("b", () -> {
          ran.add("b");
          throw new InterruptedException("stop");
        }),
        step("c", () -> {
          ran.add("c");
          return "";
        })))).isInstanceOf(InterruptedException.class);

    assertThat(ran).containsExactly("a", "b");
  }

  @Test
  void run_parallel_interruptedCallerInterruptsRunningSteps() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger stepsInterrupted = new AtomicInteger();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch stepsDone = new CountDownLatch(2);
    StepRunner.Step<String> blocking = step("block", () -> {
      started.countDown();
      try {
        never.await(20, TimeUnit.SECONDS);
        return "not interrupted";
      } catch (InterruptedException e) {
        stepsInterrupted.incrementAndGet();
        throw e;
      } finally {
        stepsDone.countDown();
      }
    });
    Thread caller = new Thread(() -> {
      try {
        StepRunner.parallel(2).run(List.of(blocking, blocking));
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    caller.start();

    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    caller.join(10_000);

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(stepsDone.await(10, TimeUnit.SECONDS)).as("steps ended").isTrue();
    assertThat(stepsInterrupted.get()).isEqualTo(2);
  }
}
