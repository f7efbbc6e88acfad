package io.github.dockerbuild.domain;

/**
 * One goal of this plugin in the run.
 *
 * @param goal e.g. {@code build}
 * @param execution the execution id, e.g. {@code default} or {@code default-cli}
 * @param phase the phase it is bound to, or null when run from the command line
 * @param runs false when a skip flag or the mode says it does nothing
 * @param reason why it does not run (one line), or null
 */
public record PlannedGoal(String goal, String execution, String phase, boolean runs, String reason) {
  public static PlannedGoal running(String goal, String execution, String phase) {
    return new PlannedGoal(goal, execution, phase, true, null);
  }

  public static PlannedGoal skipped(String goal, String execution, String phase, String reason) {
    return new PlannedGoal(goal, execution, phase, false, reason);
  }
}
