package io.github.dockerbuild.mojo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginConfigurationException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * This plugin's goals that the Maven run will execute for the current module, each configured as
 * Maven will configure it (POM, parent, {@code -D} properties, defaults): Maven's own execution
 * plan for the goals and phases of the command line, keeping this plugin's executions.
 */
final class GoalsOfTheRun {
  private GoalsOfTheRun() {}

  /** One goal of the run: its execution, and the configured mojo (null when configuring it failed). */
  record Goal(MojoExecution execution, Mojo mojo) {
    String name() {
      return execution.getGoal();
    }
  }

  /**
   * @param current the execution that is running now; its mojo is {@code self}
   * @param tasks the goals and phases to plan, normally those of the command line
   * @param problems receives one line per goal whose configuration Maven cannot convert
   * @return the goals in the order they run, or only the current one when Maven cannot say
   */
  static List<Goal> of(MavenSession session, MojoExecution current, Mojo self, List<String> tasks,
      LifecycleExecutor lifecycle, MavenPluginManager plugins, PlanAssembly problems) {
    if (onlyThisGoal(tasks, current)) {
      checkBooleans(session, current, problems);
      return List.of(new Goal(current, self));
    }
    List<MojoExecution> executions;
    try {
      executions = lifecycle.calculateExecutionPlan(session, tasks.toArray(new String[0])).getMojoExecutions();
    } catch (Exception | LinkageError e) {
      checkBooleans(session, current, problems);
      return List.of(new Goal(current, self));
    }
    List<Goal> goals = new ArrayList<>();
    boolean sawCurrent = false;
    for (MojoExecution execution : executions) {
      if (!samePlugin(execution, current)) {
        continue;
      }
      checkBooleans(session, execution, problems);
      if (same(execution, current)) {
        goals.add(new Goal(current, self));
        sawCurrent = true;
        continue;
      }
      try {
        Mojo mojo = plugins.getConfiguredMojo(Mojo.class, session, inRealmOf(execution, current));
        if (self != null && mojo.getClass().getClassLoader() != self.getClass().getClassLoader()) {
          problems.problem("goal " + execution.getGoal() + " was loaded in another class realm ("
              + mojo.getClass().getClassLoader() + "), so its part of the plan cannot be made: please report it");
          goals.add(new Goal(execution, null));
          continue;
        }
        goals.add(new Goal(execution, mojo));
      } catch (PluginConfigurationException e) {
        problems.problem(conversionProblem(execution, e));
        goals.add(new Goal(execution, null));
      } catch (Exception | LinkageError e) {
        problems.problem("goal " + execution.getGoal() + " cannot be configured: " + e.getMessage());
        goals.add(new Goal(execution, null));
      }
    }
    if (!sawCurrent) {
      checkBooleans(session, current, problems);
      goals.add(0, new Goal(current, self));
    }
    return goals;
  }

  /**
   * Whether the run is this one goal, named on the command line ({@code mvn docker-build:publish}):
   * Maven then runs it alone, so its plan needs no execution plan of Maven's, which costs a cold
   * JVM about as much as the goal's own registry work.
   */
  static boolean onlyThisGoal(List<String> tasks, MojoExecution current) {
    if (current == null || current.getSource() != MojoExecution.Source.CLI || tasks.size() != 1) {
      return false;
    }
    String task = tasks.get(0);
    int at = task.indexOf('@');
    String goal = at < 0 ? task : task.substring(0, at);
    return goal.contains(":") && goal.endsWith(":" + current.getGoal());
  }

  /**
   * The boolean parameters Maven would read as false without a word: a POM value, or the POM
   * property behind one, that is neither {@code true} nor {@code false} ({@code <push>yes</push>}).
   * A parameter whose {@code -D} property is given is {@link Overrides}' to check: the command line wins.
   */
  static void checkBooleans(MavenSession session, MojoExecution execution, PlanAssembly problems) {
    MojoDescriptor descriptor = execution == null ? null : execution.getMojoDescriptor();
    Xpp3Dom configuration = execution == null ? null : execution.getConfiguration();
    if (descriptor == null || configuration == null || descriptor.getParameters() == null) {
      return;
    }
    ExpressionEvaluator evaluator = session == null ? null : new PluginParameterExpressionEvaluator(session, execution);
    for (Parameter parameter : descriptor.getParameters()) {
      String type = simple(parameter.getType());
      Xpp3Dom given = configuration.getChild(parameter.getName());
      if (!type.equals("boolean") || given == null || commandLine(session, parameter)) {
        continue;
      }
      String raw = given.getValue() != null ? given.getValue() : given.getAttribute("default-value");
      if (raw != null && evaluator == null && raw.contains("${")) {
        continue; // nothing to evaluate it with
      }
      Object value;
      try {
        value = raw == null || evaluator == null ? raw : evaluator.evaluate(raw);
      } catch (ExpressionEvaluationException e) {
        continue; // Maven reports an expression it cannot evaluate when it configures the goal
      }
      String text = value == null ? "" : value.toString().trim();
      if (!text.isEmpty() && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
        problems.problem(new io.github.dockerbuild.config.InvalidValueException(element(parameter), text,
            "is not true or false", "use true or false").getMessage());
      }
    }
  }

  /** Whether the parameter's {@code -D} property is given on the command line. */
  private static boolean commandLine(MavenSession session, Parameter parameter) {
    String expression = parameter.getExpression();
    return session != null && session.getUserProperties() != null && expression != null && expression.startsWith("${")
        && expression.endsWith("}")
        && session.getUserProperties().containsKey(expression.substring(2, expression.length() - 1));
  }

  /**
   * The execution with its goal's descriptor from the running goal's plugin descriptor, so Maven
   * configures it in the realm the running goal lives in. Maven 3.8 hands out, for a run with the
   * {@code site} phase, descriptors of a second realm of this plugin (a child of the site plugin's):
   * a goal configured there is of other classes, whose part of the plan would be lost.
   */
  static MojoExecution inRealmOf(MojoExecution execution, MojoExecution current) {
    MojoDescriptor running = current == null ? null : current.getMojoDescriptor();
    PluginDescriptor plugin = running == null ? null : running.getPluginDescriptor();
    MojoDescriptor descriptor = plugin == null ? null : plugin.getMojo(execution.getGoal());
    if (descriptor == null || descriptor == execution.getMojoDescriptor()) {
      return execution;
    }
    MojoExecution copy = new MojoExecution(descriptor, execution.getExecutionId(), execution.getSource());
    copy.setConfiguration(execution.getConfiguration());
    copy.setLifecyclePhase(execution.getLifecyclePhase());
    return copy;
  }

  private static boolean samePlugin(MojoExecution a, MojoExecution b) {
    return a.getGroupId().equals(b.getGroupId()) && a.getArtifactId().equals(b.getArtifactId());
  }

  private static boolean same(MojoExecution a, MojoExecution b) {
    return a.getGoal().equals(b.getGoal()) && a.getExecutionId().equals(b.getExecutionId());
  }

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  /**
   * Maven's type-conversion failure (e.g. {@code compressionLevel=abc}) in this plugin's words:
   * the POM element, its {@code -D} property, the value and the fix.
   */
  static String conversionProblem(MojoExecution execution, PluginConfigurationException e) {
    ComponentConfigurationException cause = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ComponentConfigurationException c) {
        cause = c;
      }
    }
    MojoDescriptor descriptor = execution.getMojoDescriptor();
    PlexusConfiguration failed = cause == null ? null : cause.getFailedConfiguration();
    String name = failed == null ? null : failed.getName();
    Parameter parameter = name == null || descriptor == null ? null : descriptor.getParameterMap().get(name);
    if (parameter == null) {
      return "goal " + execution.getGoal() + ": " + e.getMessage();
    }
    String value = null;
    Matcher quoted = QUOTED.matcher(String.valueOf(cause.getMessage()));
    if (quoted.find()) {
      value = quoted.group(1);
    }
    if (value == null) {
      value = failed.getValue();
    }
    return new io.github.dockerbuild.config.InvalidValueException(element(parameter), String.valueOf(value),
        problem(parameter.getType()), fix(parameter.getType())).getMessage();
  }

  /** {@code <name> (-Dproperty)}, as every message of this plugin names a parameter. */
  static String element(Parameter parameter) {
    String expression = parameter.getExpression();
    if (expression != null && expression.startsWith("${") && expression.endsWith("}")) {
      return "<" + parameter.getName() + "> (-D" + expression.substring(2, expression.length() - 1) + ")";
    }
    return "<" + parameter.getName() + ">";
  }

  private static String problem(String type) {
    return switch (simple(type)) {
      case "int", "integer", "long" -> "is not a whole number";
      case "boolean" -> "is not true or false";
      default -> "cannot be read as " + type;
    };
  }

  private static String fix(String type) {
    return switch (simple(type)) {
      case "int", "integer", "long" -> "give a number such as 9";
      case "boolean" -> "use true or false";
      default -> "see the goal's documentation (mvn docker-build:help -Ddetail)";
    };
  }

  private static String simple(String type) {
    String t = type == null ? "" : type;
    return t.substring(t.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }
}
