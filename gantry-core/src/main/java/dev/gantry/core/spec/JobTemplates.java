package dev.gantry.core.spec;

import dev.gantry.core.expr.ExpressionException;
import dev.gantry.core.expr.ExpressionLanguage;
import dev.gantry.core.expr.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Which texts of a job are templates, and what they may read: a task's name, image, queue, env
 * values, {@code if}, cmd and entrypoint items, and the job's {@code output} (as Tork evaluates
 * them; not {@code run} or {@code files}, whose values reach a script through {@code env}).
 * Templates are parsed at submit and evaluated when their task becomes runnable.
 */
public final class JobTemplates {

  /**
   * The names a template may read: the job's inputs, the results of earlier tasks by
   * {@code var}, the job, and its secrets (references only, see {@link Secrets}).
   */
  public static final Set<String> NAMES = Set.of("inputs", "tasks", "job", "secrets");

  /** The most copies one each runs. */
  public static final int MAX_EACH_ITEMS = 10_000;

  private static final ExpressionLanguage LANGUAGE = ExpressionLanguage.standard();

  private JobTemplates() {}

  /** Whether the job has anything to evaluate: without, it runs as written and builds no context. */
  public static boolean usesExpressions(JobSpec spec) {
    if (spec.output() != null) {
      return true;
    }
    for (TaskSpec task : spec.tasks()) {
      if (usesExpressions(task)) {
        return true;
      }
    }
    return false;
  }

  private static boolean usesExpressions(TaskSpec task) {
    if (task.condition() != null || task.each() != null) {
      return true;
    }
    if (task.subjob() != null) {
      return true; // its name, inputs and secrets may be templates, and its tasks are checked with the job
    }
    boolean[] found = {false};
    texts(task, "", (at, text) -> found[0] |= text.contains("{{"));
    if (found[0]) {
      return true;
    }
    if (task.parallel() != null) {
      for (TaskSpec child : task.parallel().tasks()) {
        if (usesExpressions(child)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a task of the job has a {@code var}: then the job keeps results in its ROOT row. */
  public static boolean usesVars(JobSpec spec) {
    for (TaskSpec task : spec.tasks()) {
      if (usesVars(task)) {
        return true;
      }
    }
    return false;
  }

  private static boolean usesVars(TaskSpec task) {
    if (task.var() != null) {
      return true;
    }
    if (task.subjob() != null) {
      return false; // a sub-job keeps its tasks' results itself
    }
    if (task.parallel() != null) {
      return task.parallel().tasks().stream().anyMatch(JobTemplates::usesVars);
    }
    return task.each() != null && usesVars(task.each().task());
  }

  /** Parses every template of the job; the first that does not parse, or reads an unknown name, is refused naming its field. */
  public static void check(JobSpec spec) {
    if (spec.output() != null) {
      parse("output", spec.output(), NAMES);
    }
    for (int i = 0; i < spec.tasks().size(); i++) {
      check(spec.tasks().get(i), "tasks[" + i + "]", NAMES);
    }
  }

  private static void check(TaskSpec task, String at, Set<String> names) {
    texts(task, at, (field, text) -> parse(field, text, names));
    if (task.parallel() != null) {
      for (int i = 0; i < task.parallel().tasks().size(); i++) {
        check(task.parallel().tasks().get(i), at + ".parallel.tasks[" + i + "]", names);
      }
    }
    if (task.subjob() != null) {
      SubjobSpec subjob = task.subjob();
      parse(at + ".subjob.name", subjob.name(), names);
      subjob.inputs().forEach((name, value) -> parse(at + ".subjob.inputs." + name, value, names));
      subjob.secrets().forEach((name, value) -> parse(at + ".subjob.secrets." + name, value, names));
      try {
        check(asWritten(subjob));
      } catch (InvalidJobException e) {
        throw under(at + ".subjob", e);
      }
    }
    if (task.each() != null) {
      parse(at + ".each.list", listExpression(task.each().list()), names);
      Set<String> inner = new java.util.HashSet<>(names);
      inner.add(task.each().itemName());
      check(task.each().task(), at + ".each.task", Set.copyOf(inner));
    }
  }

  /** A sub-job's spec as written, its own templates not evaluated: what its tasks' templates are checked against. */
  private static JobSpec asWritten(SubjobSpec subjob) {
    JobSpec spec = new JobSpec(subjob.name(), subjob.description(), List.of(), Map.of(), subjob.tasks(), null, null, null,
        subjob.inputs(), subjob.output(), false, subjob.secrets());
    return usesExpressions(spec) ? spec.withTemplated(true) : spec;
  }

  private static InvalidJobException under(String at, InvalidJobException e) {
    String reason = e.field() == null || e.field().isEmpty() ? e.getMessage() : e.getMessage().substring(e.field().length() + 2);
    return new InvalidJobException(e.field() == null || e.field().isEmpty() ? at : at + "." + e.field(), reason);
  }

  /**
   * The job a {@code subjob} task starts, its name, inputs and secrets evaluated in the parent's
   * {@code context} ({@code parentSecrets}: the parent's values, which a secret template takes).
   *
   * @throws InvalidJobException naming the field ({@code at} is the subjob's path) whose template failed, or that is invalid
   */
  public static JobSpec subjobSpec(SubjobSpec subjob, String at, Map<String, Object> context,
      Map<String, String> parentSecrets) {
    Map<String, String> inputs = new LinkedHashMap<>();
    subjob.inputs().forEach((name, value) -> inputs.put(name, shown(at + ".inputs." + name, value, context)));
    // Its tasks' registry passwords were sealed with the parent's secrets: the sub-job reveals them from its own.
    Map<String, String> secrets = new LinkedHashMap<>(Secrets.registryPasswords(parentSecrets));
    subjob.secrets().forEach((name, value) ->
        secrets.put(name, Secrets.revealText(render(at + ".secrets." + name, value, context), parentSecrets)));
    JobSpec written = new JobSpec(shown(at + ".name", subjob.name(), context), subjob.description(), List.of(), Map.of(),
        subjob.tasks(), null, null, null, inputs, subjob.output(), false, secrets)
        .withWebhooksAndAutoDelete(SubjobWebhooks.evaluated(subjob.webhooks(), at, (field, text) -> shown(field, text, context)),
            null);
    try {
      JobSpec spec = usesExpressions(written) ? written.withTemplated(true) : written;
      JobSpecValidator.validate(spec);
      if (spec.templated()) {
        check(spec);
      }
      return spec;
    } catch (InvalidJobException e) {
      throw under(at, e);
    }
  }

  /** Whether a composite's {@code if} skips it; nothing else of it is evaluated here. */
  public static boolean skipsComposite(TaskSpec task, String at, Map<String, Object> context) {
    return task.condition() != null && skips(render(at + ".if", task.condition(), context));
  }

  /** An each's list evaluated: its elements, at most {@link #MAX_EACH_ITEMS}. */
  public static List<Object> eachList(EachSpec each, String at, Map<String, Object> context) {
    Object value;
    try {
      value = template(at, listExpression(each.list())).evaluate(context);
    } catch (ExpressionException e) {
      throw new InvalidJobException(at, e.getMessage());
    }
    if (!(value instanceof List<?> list)) {
      throw new InvalidJobException(at, each.list().strip() + " must evaluate to a list, not " + (value == null ? "nil" : value));
    }
    if (list.size() > MAX_EACH_ITEMS) {
      throw new InvalidJobException(at, "an each runs at most " + MAX_EACH_ITEMS + " copies, not " + list.size());
    }
    return new ArrayList<>(list);
  }

  /** An each's list is an expression, with or without its {@code {{ }}}. */
  private static String listExpression(String list) {
    return list.contains("{{") ? list : "{{ " + list + " }}";
  }

  /**
   * The task with its templates evaluated against {@code context} ({@link #NAMES}); {@code at} is
   * the task's path ({@code tasks[1]}). Its {@code if} is evaluated first: a task it skips has
   * nothing else evaluated.
   *
   * @throws InvalidJobException naming the field whose template failed, and the expression
   */
  /** The task's {@code var} evaluated (a subjob's, whose result the sub-job gives); null when it has none. */
  public static String var(TaskSpec task, String at, Map<String, Object> context) {
    return task.var() == null || !task.var().contains("{{") ? task.var()
        : JobSpecValidator.var(at + ".var", shown(at + ".var", task.var(), context));
  }

  public static TaskSpec resolve(TaskSpec task, String at, Map<String, Object> context) {
    String condition = task.condition() == null ? null : render(at + ".if", task.condition(), context);
    if (skips(condition)) {
      return task.withTexts(task.name(), task.image(), task.queue(), task.env(), task.cmd(), task.entrypoint(), condition);
    }
    Map<String, String> env = new LinkedHashMap<>();
    task.env().forEach((name, value) -> env.put(name, render(at + ".env." + name, value, context)));
    TaskSpec named = task.var() == null || !task.var().contains("{{") ? task
        : task.withVar(JobSpecValidator.var(at + ".var", shown(at + ".var", task.var(), context)));
    if (!task.pre().isEmpty() || !task.post().isEmpty()) {
      named = named.withAround(around(task.pre(), at + ".pre", context), around(task.post(), at + ".post", context));
    }
    return named.withTexts(shown(at + ".name", task.name(), context), shown(at + ".image", task.image(), context),
        shown(at + ".queue", task.queue(), context), env, renderAll(at + ".cmd", task.cmd(), context),
        renderAll(at + ".entrypoint", task.entrypoint(), context), condition);
  }

  /** Pre or post tasks with their templates evaluated, as their task's are. */
  private static List<TaskSpec> around(List<TaskSpec> tasks, String at, Map<String, Object> context) {
    List<TaskSpec> out = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      out.add(resolve(tasks.get(i), at + "[" + i + "]", context));
    }
    return out;
  }

  /** A text the API shows (a run's name, image, queue): it may not hold a secret. */
  private static String shown(String at, String text, Map<String, Object> context) {
    String rendered = render(at, text, context);
    if (Secrets.hasReference(rendered)) {
      throw new InvalidJobException(at, "a secret can only be used in env, cmd and entrypoint, not here: this is shown");
    }
    return rendered;
  }

  /** Tork skips a task whose {@code if} renders {@code false} (a bool, or the text). */
  public static boolean skips(TaskSpec resolved) {
    return skips(resolved.condition());
  }

  /** The job's {@code output} evaluated, or null without one. It may not hold a secret: a result is shown. */
  public static String output(JobSpec spec, Map<String, Object> context) {
    String output = spec.output() == null ? null : render("output", spec.output(), context);
    if (Secrets.hasReference(output)) {
      throw new InvalidJobException("output", "a secret cannot be part of the job's output, which is shown");
    }
    return output;
  }

  private static boolean skips(String condition) {
    return condition != null && condition.strip().equals("false");
  }

  private static void texts(TaskSpec task, String at, BiConsumer<String, String> each) {
    each.accept(at + ".name", task.name());
    if (task.var() != null) {
      each.accept(at + ".var", task.var());
    }
    if (task.image() != null) {
      each.accept(at + ".image", task.image());
    }
    each.accept(at + ".queue", task.queue());
    task.env().forEach((name, value) -> each.accept(at + ".env." + name, value));
    if (task.condition() != null) {
      each.accept(at + ".if", task.condition());
    }
    for (int i = 0; i < task.cmd().size(); i++) {
      each.accept(at + ".cmd[" + i + "]", task.cmd().get(i));
    }
    for (int i = 0; i < task.entrypoint().size(); i++) {
      each.accept(at + ".entrypoint[" + i + "]", task.entrypoint().get(i));
    }
    for (int i = 0; i < task.pre().size(); i++) {
      texts(task.pre().get(i), at + ".pre[" + i + "]", each);
    }
    for (int i = 0; i < task.post().size(); i++) {
      texts(task.post().get(i), at + ".post[" + i + "]", each);
    }
  }

  private static void parse(String at, String text, Set<String> names) {
    if (!text.contains("{{")) {
      return;
    }
    Template template = template(at, text);
    for (String name : template.names()) {
      if (!names.contains(name)) {
        throw new InvalidJobException(at, "unknown name " + name + " in " + text.strip()
            + " (templates read " + (names.size() > NAMES.size() ? "inputs, tasks, job, secrets and the each's item"
            : "inputs, tasks, job and secrets") + ")");
      }
    }
  }

  private static Template template(String at, String text) {
    try {
      return LANGUAGE.parse(text);
    } catch (ExpressionException e) {
      throw new InvalidJobException(at, e.getMessage());
    }
  }

  private static String render(String at, String text, Map<String, Object> context) {
    if (!text.contains("{{")) {
      return text;
    }
    try {
      return template(at, text).render(context);
    } catch (ExpressionException e) {
      throw new InvalidJobException(at, e.getMessage());
    }
  }

  private static List<String> renderAll(String at, List<String> texts, Map<String, Object> context) {
    List<String> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      out.add(render(at + "[" + i + "]", texts.get(i), context));
    }
    return out;
  }
}
