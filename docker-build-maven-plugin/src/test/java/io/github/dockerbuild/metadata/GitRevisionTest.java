package io.github.dockerbuild.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dockerbuild.exec.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitRevisionTest {
  private static final String A = "0123456789abcdef0123456789abcdef01234567";
  private static final String B = "89abcdef0123456789abcdef0123456789abcdef";
  private static final String SHA256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @TempDir Path dir;

  private Path repo(String head) throws IOException {
    Path git = Files.createDirectories(dir.resolve("repo/.git"));
    Files.writeString(git.resolve("HEAD"), head + "\n");
    Files.writeString(git.resolve("config"), "[core]\n\trepositoryformatversion = 0\n");
    return dir.resolve("repo");
  }

  private static String read(Path at) {
    return GitRevision.fromFiles(at, Map.of());
  }

  @Test
  void detachedHead_isTheCommit() throws IOException {
    assertThat(read(repo(A))).isEqualTo(A);
    assertThat(read(repo(SHA256))).isEqualTo(SHA256);
  }

  @Test
  void branch_looseRefWinsOverPacked_packedWhenNoLooseRef() throws IOException {
    Path work = repo("ref: refs/heads/main");
    Path git = work.resolve(".git");
    Files.writeString(git.resolve("packed-refs"), "# pack-refs with: peeled fully-peeled sorted \n"
        + B + " refs/heads/main\n^" + A + "\n" + A + " refs/heads/other\n");
    assertThat(read(work)).isEqualTo(B);
    Files.createDirectories(git.resolve("refs/heads"));
    Files.writeString(git.resolve("refs/heads/main"), A + "\n");
    assertThat(read(work)).isEqualTo(A);
  }

  @Test
  void fromASubdirectory_theRepositoryAboveIsRead() throws IOException {
    Path work = repo(A);
    assertThat(read(Files.createDirectories(work.resolve("module/src")))).isEqualTo(A);
  }

  @Test
  void symbolicRefChain_isFollowed() throws IOException {
    Path work = repo("ref: refs/heads/alias");
    Path heads = Files.createDirectories(work.resolve(".git/refs/heads"));
    Files.writeString(heads.resolve("alias"), "ref: refs/heads/main\n");
    Files.writeString(heads.resolve("main"), B + "\n");
    assertThat(read(work)).isEqualTo(B);
  }

  @Test
  void worktree_readsItsHeadAndTheSharedRefs() throws IOException {
    Path main = repo("ref: refs/heads/main");
    Path common = main.resolve(".git");
    Files.writeString(common.resolve("packed-refs"), A + " refs/heads/feature\n");
    Path admin = Files.createDirectories(common.resolve("worktrees/feature"));
    Files.writeString(admin.resolve("HEAD"), "ref: refs/heads/feature\n");
    Files.writeString(admin.resolve("commondir"), "../..\n");
    Path tree = Files.createDirectories(dir.resolve("feature-tree"));
    Files.writeString(tree.resolve(".git"), "gitdir: " + admin + "\n");
    assertThat(read(tree)).isEqualTo(A);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref: refs/heads/unborn", "ref: refs/../../outside", "ref: HEAD", "not a ref", ""})
  void headThatDoesNotPlainlyName_aCommit_isLeftToGit(String head) throws IOException {
    assertThat(read(repo(head))).isNull();
  }

  @Test
  void reftableOrAVariableNamingTheRepository_isLeftToGit() throws IOException {
    Path work = repo(A);
    assertThat(GitRevision.fromFiles(work, Map.of("GIT_DIR", "/elsewhere"))).isNull();
    Files.writeString(work.resolve(".git/config"), "[extensions]\n\trefStorage = reftable\n");
    assertThat(read(work)).isNull();
  }

  @Test
  void noRepository_isNull() {
    assertThat(read(dir)).isNull();
  }

  /** The files' answer is git's own, on a real repository in the states a checkout is found in. */
  @Test
  void realRepository_sameAsGit() throws Exception {
    ProcessRunner runner = ProcessRunner.withEnvironment(Map.of());
    Path work = Files.createDirectories(dir.resolve("real"));
    assumeTrue(git(runner, work, "init", "-q", "-b", "main") != null, "git is installed");
    git(runner, work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "one");
    assertThat(read(work)).isEqualTo(revParse(runner, work)).matches("[0-9a-f]{40}");
    git(runner, work, "pack-refs", "--all");
    assertThat(read(work)).isEqualTo(revParse(runner, work));
    git(runner, work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "two");
    assertThat(read(work)).isEqualTo(revParse(runner, work));
    git(runner, work, "checkout", "-q", "--detach", "HEAD~1");
    assertThat(read(work)).isEqualTo(revParse(runner, work));
    Path tree = dir.resolve("real-tree");
    git(runner, work, "worktree", "add", "-q", "-b", "feature", tree.toString(), "main");
    assertThat(read(tree)).isEqualTo(revParse(runner, tree)).isNotEqualTo(read(work));
    assertThat(GitRevision.read(runner, tree)).isEqualTo(revParse(runner, tree));
  }

  private static String revParse(ProcessRunner runner, Path work) throws Exception {
    return git(runner, work, "rev-parse", "HEAD");
  }

  private static String git(ProcessRunner runner, Path work, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", work.toString()));
    command.addAll(List.of(args));
    try {
      ProcessRunner.Result result = runner.run(command, Duration.ofSeconds(30), line -> { });
      return result.succeeded() ? (result.tail().isEmpty() ? "" : result.tail().get(0)) : null;
    } catch (io.github.dockerbuild.exec.CommandFailedException e) {
      return null;
    }
  }
}
