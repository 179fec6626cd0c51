package org.omnilisp.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.Symbol;

/**
 * The built-in groups are installed when one of their names is first used (Builtins, BuiltinIndex):
 * a program must not be able to tell, whatever it touches first.
 */
class DeferredBuiltinsTest {
  private static String eval(Interpreter interp, String source) {
    return org.omnilisp.lang.Printer.write(interp.eval(source, "t"));
  }

  @Test
  void theBuildListedEveryGroup() {
    Map<String, List<String>> index = BuiltinIndex.read();
    assertNotNull(index, "the build did not write " + BuiltinIndex.RESOURCE);
    for (String group : BuiltinGroups.GROUPS) {
      assertTrue(index.containsKey(group), "group " + group + " is not in the index");
    }
    assertTrue(index.get("lists").contains("cons"));
    assertTrue(index.get("control").contains("guard"));
  }

  @Test
  void theListMatchesTheCode() {
    Map<String, List<String>> listed = BuiltinIndex.read();
    Map<String, List<String>> now = new TreeMap<>();
    for (String line : BuiltinIndex.generate().split("\n")) {
      if (!line.startsWith("#")) {
        String[] words = line.split(" ");
        now.put(words[0], List.of(words).subList(1, words.length));
      }
    }
    assertEquals(now, new TreeMap<>(listed));
  }

  /** A name, the kind of value it holds and, for a procedure, the name it prints with. */
  private static Map<String, String> summary(Map<Symbol, Object[]> definitions) {
    Map<String, String> out = new TreeMap<>();
    definitions.forEach(
        (name, v) -> {
          StringBuilder s = new StringBuilder();
          for (Object x : v) {
            s.append(x == null ? "-" : x.getClass().getName());
            if (x instanceof Procedure p) {
              s.append(' ').append(p.name());
            }
            s.append(';');
          }
          out.put(name.name(), s.toString());
        });
    return out;
  }

  @Test
  void deferredGroupsDefineWhatInstallingAllAtOnceDefines() {
    Interpreter eager = Interpreter.withoutBuiltins(System.out);
    for (String group : BuiltinGroups.GROUPS) {
      BuiltinGroups.installGroup(eager, group);
    }
    Interpreter deferred = new Interpreter();
    assertEquals(summary(eager.definitions()), summary(deferred.definitions()));
  }

  @Test
  void aProgramThatRedefinesABuiltinBeforeUsingItsGroupKeepsItsDefinition() {
    Interpreter interp = new Interpreter();
    assertEquals("mine", eval(interp, "(define (car x) 'mine) (car '(1 2))"));
    assertEquals("(2)", eval(interp, "(cdr '(1 2))"));
    assertEquals("mine", eval(interp, "(car '(1 2))"));

    Interpreter assigned = new Interpreter();
    assertEquals("5", eval(assigned, "(set! cadr 5) cadr"));
    assertEquals("3", eval(assigned, "(caddr '(1 2 3))"));

    Interpreter macro = new Interpreter();
    assertEquals(
        "mine", eval(macro, "(define-macro (guard . body) ''mine) (guard (e (true 1)) 2)"));
    assertEquals("7", eval(macro, "(force (delay 7))"));
  }

  @Test
  void listingTheGlobalsInstallsEveryGroup() {
    List<String> names = new Interpreter().boundGlobalNames();
    assertTrue(names.contains("string-upcase"), "string-upcase");
    assertTrue(names.contains("force"), "force");
    assertTrue(names.contains("cadddr"), "cadddr");
  }

  @Test
  void controlSyntaxWorksWhenFirstUsedInsideAProgram() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Interpreter interp = new Interpreter(out);
    assertEquals(
        "(caught \"boom\")",
        eval(
            interp,
            "(define (f) (guard (e ((string? e) (list 'caught e))) (raise \"boom\"))) (f)"));
    assertEquals("(1 2)", eval(interp, "(let-values (((a b) (values 1 2))) (list a b))"));
  }

  /** Threads that touch names of one group at once all see it whole (one installs, others wait). */
  @Test
  @Timeout(60)
  void concurrentFirstUsesAllSeeTheWholeGroup() throws Exception {
    String[] names = {"string-upcase", "string-downcase", "string-length", "substring"};
    ExecutorService pool = Executors.newFixedThreadPool(names.length);
    try {
      for (int round = 0; round < 20; round++) {
        Interpreter interp = new Interpreter();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> seen = new ArrayList<>();
        for (String name : names) {
          seen.add(
              pool.submit(
                  () -> {
                    go.await();
                    return interp.lookup(name);
                  }));
        }
        go.countDown();
        for (int i = 0; i < names.length; i++) {
          Object v = seen.get(i).get(30, TimeUnit.SECONDS);
          assertTrue(v instanceof Procedure, names[i] + " was " + v);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
