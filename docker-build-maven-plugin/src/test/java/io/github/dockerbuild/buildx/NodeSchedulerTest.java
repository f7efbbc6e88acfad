package io.github.dockerbuild.buildx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.PlatformNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeSchedulerTest {
  static final PlatformNode A = new PlatformNode(null, "amd-1");
  static final PlatformNode B = new PlatformNode(null, "amd-2");
  static final List<PlatformNode> POOL = List.of(A, B);

  @Test
  void buildsAfterOneAnotherAlternate_leastUsedFirst_thenThePoolsOrder() throws Exception {
    NodeScheduler scheduler = new NodeScheduler();
    PlatformNode first = scheduler.acquire(POOL);
    scheduler.release(first, POOL);
    PlatformNode second = scheduler.acquire(POOL);
    scheduler.release(second, POOL);
    PlatformNode third = scheduler.acquire(POOL);
    assertThat(List.of(first, second, third)).containsExactly(A, B, A);
  }

  @Test
  void buildsAtOnceTakeDifferentNodes_andAThirdWaitsForOneToBeFree() throws Exception {
    NodeScheduler scheduler = new NodeScheduler();
    PlatformNode first = scheduler.acquire(POOL);
    PlatformNode second = scheduler.acquire(POOL);
    assertThat(List.of(first, second)).containsExactly(A, B);

    CompletableFuture<PlatformNode> third = CompletableFuture.supplyAsync(() -> {
      try {
        return scheduler.acquire(POOL);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    // both nodes are busy: the third build waits (seen waiting, not merely slow) while they are
    while (scheduler.waiting() == 0 && !third.isDone()) {
      Thread.onSpinWait();
    }
    assertThat(third).isNotDone();
    scheduler.release(second, POOL);
    assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(B);
  }

  @Test
  void aPlatformWithOneNodeIsNotLimited() throws Exception {
    NodeScheduler scheduler = new NodeScheduler();
    List<PlatformNode> single = List.of(A);
    assertThat(scheduler.acquire(single)).isEqualTo(A);
    assertThat(scheduler.acquire(single)).isEqualTo(A);
    // and does not count against the node in a pool
    assertThat(scheduler.acquire(POOL)).isEqualTo(A);
  }
}
