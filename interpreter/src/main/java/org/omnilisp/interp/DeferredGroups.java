package org.omnilisp.interp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.omnilisp.lang.Symbol;

/**
 * Groups of built-in definitions that are made when one of their names is first used, not at
 * start-up (linking a few hundred Java lambdas and analysing control.omni cost more than the rest
 * of a short script). The interpreter calls {@link #ensure} on every way to a global or a macro
 * (look up, define, assign, import, list), so a group is always installed before any of its names
 * is seen: a program observes the same bindings, in every order, as if all groups had been
 * installed at start. Names owned by no group cost one map lookup.
 */
final class DeferredGroups {
  private static final class Group {
    final String name;
    final Interpreter.GroupInstaller installer;
    volatile boolean done;
    boolean started; // guarded by the DeferredGroups monitor

    Group(String name, Interpreter.GroupInstaller installer) {
      this.name = name;
      this.installer = installer;
    }
  }

  private final Map<Symbol, Group> owners = new ConcurrentHashMap<>();
  private final List<Group> groups = new ArrayList<>(); // guarded by this

  /** Defers the group {@code name}, which defines exactly {@code names}. */
  void add(String name, Collection<String> names, Interpreter.GroupInstaller installer) {
    Group g = new Group(name, installer);
    synchronized (this) {
      groups.add(g);
    }
    for (String n : names) {
      owners.put(Symbol.of(n), g);
    }
  }

  /** Installs the group that defines {@code name}, if there is one and it is not installed yet. */
  void ensure(Symbol name, Interpreter interp) {
    Group g = owners.get(name);
    if (g != null && !g.done) {
      install(g, interp);
    }
  }

  /** Installs every group not installed yet, in the order they were deferred. */
  void ensureAll(Interpreter interp) {
    List<Group> all;
    synchronized (this) {
      all = new ArrayList<>(groups);
    }
    for (Group g : all) {
      if (!g.done) {
        install(g, interp);
      }
    }
  }

  /**
   * One lock for all groups: a group's installation may use names of another group (control.omni
   * uses list and string procedures), which then installs inside it on the same thread; another
   * thread that needs any group waits until the installation in progress is over. Re-entry for the
   * group being installed (its own definitions) returns at once.
   */
  private synchronized void install(Group g, Interpreter interp) {
    if (g.started) {
      return;
    }
    g.started = true;
    try {
      g.installer.install(interp, g.name);
    } finally {
      g.done = true;
    }
  }
}
