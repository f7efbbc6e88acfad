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

    // both nodes are busy: the third build waits (seen waiting, not merely slow) while they are
    CompletableFuture<PlatformNode> third = waitingFor(scheduler, POOL);
    assertThat(third).isNotDone();
    scheduler.release(second, POOL);
    assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(B);
  }

  /** Acquires on another thread and waits until it is seen waiting (or done). */
  private static CompletableFuture<PlatformNode> waitingFor(NodeScheduler scheduler, List<PlatformNode> pool) {
    CompletableFuture<PlatformNode> later = CompletableFuture.supplyAsync(() -> {
      try {
        return scheduler.acquire(pool);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    while (scheduler.waiting() == 0 && !later.isDone()) {
      Thread.onSpinWait();
    }
    return later;
  }

  @Test
  void aNodeWithACapacityTakesThatManyAtOnce_theLeastBusyFirst() throws Exception {
    NodeScheduler scheduler = new NodeScheduler();
    PlatformNode big = new PlatformNode(null, "amd-big", 2);
    List<PlatformNode> pool = List.of(big, B);
    // the least busy first: big, then B (big is busier), then big again (its room left)
    assertThat(List.of(scheduler.acquire(pool), scheduler.acquire(pool), scheduler.acquire(pool)))
        .containsExactly(big, B, big);
    CompletableFuture<PlatformNode> fourth = waitingFor(scheduler, pool);
    assertThat(fourth).isNotDone();
    scheduler.release(big, pool);
    assertThat(fourth.get(10, TimeUnit.SECONDS)).isEqualTo(big);
  }

  @Test
  void aPlatformsOnlyNode_withACapacity_isLimitedToIt() throws Exception {
    NodeScheduler scheduler = new NodeScheduler();
    List<PlatformNode> single = List.of(new PlatformNode(null, "arm-1", 1));
    assertThat(scheduler.acquire(single)).isEqualTo(single.get(0));
    CompletableFuture<PlatformNode> second = waitingFor(scheduler, single);
    assertThat(second).isNotDone();
    scheduler.release(single.get(0), single);
    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(single.get(0));
  }

  @Test
  void theSameNodeNamedWithAndWithoutACapacity_isOneNode() throws Exception {
    NodeScheduler scheduler = new NodeScheduler();
    PlatformNode sayingOne = new PlatformNode(null, "amd-1", 1);
    assertThat(scheduler.acquire(List.of(sayingOne, B))).isEqualTo(sayingOne);
    // another module's pool names amd-1 without a capacity: it is busy there too
    assertThat(scheduler.acquire(POOL)).isEqualTo(B);
  }

  @Test
  void aRetry_skipsTheNodesTried_andEveryNodeTriedIsRefused() throws Exception {
    NodeScheduler scheduler = new NodeScheduler();
    assertThat(scheduler.acquire(POOL, List.of(A))).isEqualTo(B);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> scheduler.acquire(POOL, List.of(A, B)))
        .isInstanceOf(IllegalArgumentException.class);
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
