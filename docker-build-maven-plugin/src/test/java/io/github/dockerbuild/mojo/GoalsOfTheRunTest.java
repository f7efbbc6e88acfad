package io.github.dockerbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

/** The true/false parameters Maven would read as false without a word. */
class GoalsOfTheRunTest {

  private static MojoExecution execution(String... nameTypeValue) throws Exception {
    MojoDescriptor descriptor = new MojoDescriptor();
    descriptor.setGoal("build");
    Xpp3Dom configuration = new Xpp3Dom("configuration");
    for (int i = 0; i < nameTypeValue.length; i += 3) {
      Parameter p = new Parameter();
      p.setName(nameTypeValue[i]);
      p.setType(nameTypeValue[i + 1]);
      p.setExpression("${docker." + nameTypeValue[i] + "}");
      descriptor.addParameter(p);
      Xpp3Dom child = new Xpp3Dom(nameTypeValue[i]);
      child.setValue(nameTypeValue[i + 2]);
      configuration.addChild(child);
    }
    MojoExecution execution = new MojoExecution(descriptor, "default");
    execution.setConfiguration(configuration);
    return execution;
  }

  @SuppressWarnings("deprecation")
  private static MavenSession session(Properties projectProperties, Properties user) {
    Model model = new Model();
    model.setProperties(projectProperties);
    MavenProject project = new MavenProject(model);
    DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
    request.setUserProperties(user);
    request.setSystemProperties(new Properties());
    MavenSession session = new MavenSession(null, request, new DefaultMavenExecutionResult(), List.of(project));
    session.setCurrentProject(project);
    return session;
  }

  private static List<String> problems(MavenSession session, MojoExecution execution) {
    PlanAssembly plan = new PlanAssembly();
    GoalsOfTheRun.checkBooleans(session, execution, plan);
    return plan.problems();
  }

  @Test
  void aPomWordThatIsNeitherTrueNorFalse_isRefused_namingTheElementAndProperty() throws Exception {
    MojoExecution e = execution("push", "java.lang.Boolean", "yes", "pull", "boolean", "TRUE", "serial", "boolean", "false",
        "compressionLevel", "java.lang.String", "abc");

    assertThat(problems(null, e)).containsExactly(
        "<push> (-Ddocker.push) 'yes' is not true or false: use true or false");
  }

  @Test
  void aPomPropertyBehindTheExpression_isEvaluatedAndChecked() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("docker.pull", "ja");
    properties.setProperty("docker.noCache", "true");

    assertThat(problems(session(properties, new Properties()), execution("pull", "boolean", "${docker.pull}",
        "noCache", "boolean", "${docker.noCache}", "serial", "boolean", "${docker.serial}")))
        .containsExactly("<pull> (-Ddocker.pull) 'ja' is not true or false: use true or false");
  }

  @Test
  void aParameterWhoseCommandLinePropertyIsGiven_isLeftToTheOverrides() throws Exception {
    Properties user = new Properties();
    user.setProperty("docker.push", "true");

    assertThat(problems(session(new Properties(), user), execution("push", "java.lang.Boolean", "yes"))).isEmpty();
  }

  @Test
  void withoutAnExecutionOrItsConfiguration_nothingIsChecked() throws Exception {
    assertThat(problems(null, null)).isEmpty();
    MojoExecution bare = new MojoExecution(new MojoDescriptor(), "default");
    assertThat(problems(null, bare)).isEmpty();
    assertThat(problems(null, execution("pull", "boolean", "${docker.pull}"))).as("nothing to evaluate it with").isEmpty();
  }

  private static PluginDescriptor plugin(String... goals) throws Exception {
    PluginDescriptor plugin = new PluginDescriptor();
    plugin.setGroupId("io.github.dockerbuild");
    plugin.setArtifactId("docker-build-maven-plugin");
    for (String goal : goals) {
      MojoDescriptor descriptor = new MojoDescriptor();
      descriptor.setGoal(goal);
      descriptor.setPluginDescriptor(plugin);
      plugin.addMojo(descriptor);
    }
    return plugin;
  }

  @Test
  void anotherGoalOfTheRun_isConfiguredFromTheRunningGoalsPluginDescriptor() throws Exception {
    // Maven 3.8 gives, in a run with the site phase, descriptors of a second realm of the plugin
    PluginDescriptor running = plugin("metadata", "publish");
    PluginDescriptor second = plugin("metadata", "publish");
    MojoExecution current = new MojoExecution(running.getMojo("metadata"), "default");
    MojoExecution publish = new MojoExecution(second.getMojo("publish"), "publish", MojoExecution.Source.LIFECYCLE);
    Xpp3Dom configuration = new Xpp3Dom("configuration");
    publish.setConfiguration(configuration);
    publish.setLifecyclePhase("verify");

    MojoExecution rehomed = GoalsOfTheRun.inRealmOf(publish, current);

    assertThat(rehomed.getMojoDescriptor()).isSameAs(running.getMojo("publish"));
    assertThat(rehomed.getExecutionId()).isEqualTo("publish");
    assertThat(rehomed.getSource()).isEqualTo(MojoExecution.Source.LIFECYCLE);
    assertThat(rehomed.getConfiguration()).isSameAs(configuration);
    assertThat(rehomed.getLifecyclePhase()).isEqualTo("verify");
  }

  @Test
  void aGoalNamedAloneOnTheCommandLine_isTheWholeRunWithoutAskingMaven() throws Exception {
    PluginDescriptor running = plugin("verify", "publish");
    MojoExecution cli = new MojoExecution(running.getMojo("verify"), "default-cli", MojoExecution.Source.CLI);
    MojoExecution bound = new MojoExecution(running.getMojo("verify"), "default", MojoExecution.Source.LIFECYCLE);

    assertThat(GoalsOfTheRun.onlyThisGoal(List.of("docker-build:verify"), cli)).isTrue();
    assertThat(GoalsOfTheRun.onlyThisGoal(List.of("io.github.dockerbuild:docker-build-maven-plugin:verify"), cli)).isTrue();
    assertThat(GoalsOfTheRun.onlyThisGoal(List.of("docker-build:verify@second"), cli)).isTrue();
    // a phase, another goal, several tasks, or a goal Maven's lifecycle runs: Maven's plan is asked
    assertThat(GoalsOfTheRun.onlyThisGoal(List.of("verify"), cli)).isFalse();
    assertThat(GoalsOfTheRun.onlyThisGoal(List.of("docker-build:publish"), cli)).isFalse();
    assertThat(GoalsOfTheRun.onlyThisGoal(List.of("docker-build:verify", "docker-build:publish"), cli)).isFalse();
    assertThat(GoalsOfTheRun.onlyThisGoal(List.of("docker-build:verify"), bound)).isFalse();
    assertThat(GoalsOfTheRun.onlyThisGoal(List.of("docker-build:verify"), null)).isFalse();

    // Maven's lifecycle executor is not asked for that goal, and is for a phase
    List<String> asked = new java.util.ArrayList<>();
    org.apache.maven.lifecycle.LifecycleExecutor lifecycle = (org.apache.maven.lifecycle.LifecycleExecutor)
        java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {org.apache.maven.lifecycle.LifecycleExecutor.class}, (proxy, method, args) -> {
              asked.add(method.getName());
              throw new IllegalStateException("no plan here");
            });
    MavenSession session = session(new Properties(), new Properties());
    PlanAssembly plan = new PlanAssembly();
    List<GoalsOfTheRun.Goal> goals = GoalsOfTheRun.of(session, cli, null, List.of("docker-build:verify"), lifecycle,
        null, plan);
    assertThat(goals).extracting(GoalsOfTheRun.Goal::execution).containsExactly(cli);
    assertThat(asked).isEmpty();
    assertThat(plan.problems()).isEmpty();
    GoalsOfTheRun.of(session, cli, null, List.of("verify"), lifecycle, null, plan);
    assertThat(asked).containsExactly("calculateExecutionPlan");
  }

  @Test
  void anExecutionAlreadyOfTheRunningDescriptor_isKeptAsItIs() throws Exception {
    PluginDescriptor running = plugin("metadata", "publish");
    MojoExecution current = new MojoExecution(running.getMojo("metadata"), "default");
    MojoExecution publish = new MojoExecution(running.getMojo("publish"), "publish");

    assertThat(GoalsOfTheRun.inRealmOf(publish, current)).isSameAs(publish);
  }
}
