package org.omnilisp.interp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.omnilisp.lang.Symbol;

/**
 * The names each group of built-ins defines, so that a group can be installed when one of its names
 * is first used. The build writes the list ({@code builtins.index} beside this class, one line per
 * group: its name, then the names it defines) by installing each group in turn into an interpreter
 * and noting what appeared: the list always matches the code it was built from. A name defined by
 * two groups makes the build fail, since which one wins would then depend on the order of use.
 */
public final class BuiltinIndex {
  static final String RESOURCE = "builtins.index";

  private BuiltinIndex() {}

  /** The list of the build, group name to names; null if the build did not write it. */
  static Map<String, List<String>> read() {
    try (InputStream in = BuiltinIndex.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return null;
      }
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 14);
      Map<String, List<String>> index = new HashMap<>();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] words = line.split(" ");
        index.put(words[0], Arrays.asList(words).subList(1, words.length));
      }
      return index;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The list's text: each group installed in turn into an interpreter that has none. */
  static String generate() {
    Interpreter interp =
        Interpreter.withoutBuiltins(new PrintStream(OutputStream.nullOutputStream()));
    Map<Symbol, String> owner = new HashMap<>();
    Map<Symbol, Object[]> before = interp.definitions();
    before.keySet().forEach(name -> owner.put(name, "the interpreter's own procedures"));
    StringBuilder text =
        new StringBuilder(
            "# Written by the build (BuiltinIndex): group, then the names it defines\n");
    for (String group : BuiltinGroups.GROUPS) {
      BuiltinGroups.installGroup(interp, group);
      Map<Symbol, Object[]> after = interp.definitions();
      List<String> names = new ArrayList<>();
      for (Map.Entry<Symbol, Object[]> e : after.entrySet()) {
        Object[] was = before.get(e.getKey());
        if (was != null && was[0] == e.getValue()[0] && was[1] == e.getValue()[1]) {
          continue;
        }
        if (was != null) {
          throw new IllegalStateException(
              "built-in group "
                  + group
                  + " defines "
                  + e.getKey()
                  + ", already defined by "
                  + owner.get(e.getKey())
                  + ": a name must have one definition (Builtins.java)");
        }
        owner.put(e.getKey(), "group " + group);
        names.add(e.getKey().name());
      }
      names.sort(null);
      text.append(group);
      for (String name : names) {
        if (name.isEmpty() || name.contains(" ") || name.contains("\n")) {
          throw new IllegalStateException("built-in name cannot be listed: \"" + name + "\"");
        }
        text.append(' ').append(name);
      }
      text.append('\n');
      before = after;
    }
    return text.toString();
  }

  /** Writes the list to the file {@code args[0]} (run by the build after compiling). */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    Files.createDirectories(file.getParent());
    Files.writeString(file, generate(), StandardCharsets.UTF_8);
  }
}
