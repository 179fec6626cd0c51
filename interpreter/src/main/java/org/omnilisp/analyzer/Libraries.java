package org.omnilisp.analyzer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnilisp.lang.Alias;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Printer;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Context;
import org.omnilisp.machine.Global;
import org.omnilisp.reader.Reader;

/**
 * The libraries of one interpreter (LANGUAGE.md §11, R7RS 5.6): the built-in ones, whose names are
 * the global procedures and special forms ({@link BuiltinLibraries}), and user libraries, defined
 * by {@code define-library} and found as {@code a/b.sld}, then {@code a/b.omni}, beside the
 * importing file, then on each directory of {@code OMNI_PATH}. Each library is loaded once;
 * importing a library while it is being loaded is a cycle, and an error.
 *
 * <p>Namespaces: a library's body runs in an {@link Environment} of its own, so its definitions are
 * cells outside the global table and only the exported ones reach an importer, which gets the very
 * cells (and macros) of the library.
 */
public final class Libraries {
  /** What an imported name means: a variable's cell, or a keyword's transformer. */
  record Binding(Global cell, Object keyword) {}

  /** A loaded library: its environment and its exports (external name to internal name). */
  private record Library(String name, Environment env, Map<Symbol, Symbol> exports) {}

  private final Analyzer analyzer;
  private final Context interp;
  private final Map<String, Library> libraries = new LinkedHashMap<>();
  private final List<String> loading = new ArrayList<>();

  /** The root directories of the library files being loaded (searched by their own imports). */
  private final List<Path> roots = new ArrayList<>();

  private volatile List<Path> searchPath;

  Libraries(Analyzer analyzer) {
    this.analyzer = analyzer;
    this.interp = analyzer.interp;
    String env = System.getenv("OMNI_PATH");
    this.searchPath = parsePath(env);
  }

  static List<Path> parsePath(String path) {
    List<Path> dirs = new ArrayList<>();
    if (path != null) {
      for (String d : path.split(":")) {
        if (!d.isEmpty()) {
          dirs.add(Path.of(d));
        }
      }
    }
    return dirs;
  }

  /** Replaces the {@code OMNI_PATH} directories (embedders, tests). */
  public void setSearchPath(List<Path> dirs) {
    this.searchPath = List.copyOf(dirs);
  }

  static String key(Object name) {
    return Printer.write(Alias.strip(name));
  }

  // ---- define-library -------------------------------------------------------------------------

  /** Runs a {@code define-library} form: makes, fills and registers the library. */
  synchronized void define(Pair form, SourcePos pos) {
    if (!(form.cdr instanceof Pair rest) || !(rest.car instanceof Pair nameList)) {
      throw Syntax.error(
          "define-library: bad syntax, expected (define-library (name ...) decl ...)", pos);
    }
    String name = key(nameList);
    checkName(nameList, "define-library", pos);
    if (libraries.containsKey(name)) {
      return;
    }
    Environment env = Environment.own(interp, name);
    Map<Symbol, Symbol> exports = new LinkedHashMap<>();
    List<Object> body = new ArrayList<>();
    loading.add(name);
    try {
      declarations(rest.cdr, env, exports, body, pos);
      for (Object f : body) {
        for (Symbol s : Analyzer.definedNames(f)) {
          env.defineCell((Symbol) Alias.base(s));
        }
      }
      for (Object f : body) {
        interp.evalNested(analyzer.analyzeTopLevel(f, env));
      }
    } finally {
      loading.remove(name);
    }
    libraries.put(name, new Library(name, env, exports));
  }

  private void declarations(
      Object decls,
      Environment env,
      Map<Symbol, Symbol> exports,
      List<Object> body,
      SourcePos pos) {
    for (Object decl : Syntax.list(decls, "define-library", pos)) {
      SourcePos here = Syntax.posOf(decl, pos);
      if (!(decl instanceof Pair d) || !(Alias.base(d.car) instanceof Symbol head)) {
        throw Syntax.error("define-library: bad declaration " + Errors.describe(decl), here);
      }
      switch (head.name()) {
        case "export" -> {
          for (Object spec : Syntax.list(d.cdr, "export", here)) {
            if (spec instanceof Symbol s) {
              exports.put((Symbol) Alias.base(s), (Symbol) Alias.base(s));
            } else if (spec instanceof Pair r && Alias.base(r.car) == Symbol.of("rename")) {
              List<Object> parts = Syntax.list(r, "export", here);
              if (parts.size() != 3) {
                throw Syntax.error("export: bad syntax, expected (rename internal external)", here);
              }
              exports.put(
                  (Symbol) Alias.base(Syntax.symbol(parts.get(2), "export", here)),
                  (Symbol) Alias.base(Syntax.symbol(parts.get(1), "export", here)));
            } else {
              throw Syntax.error("export: bad export spec " + Errors.describe(spec), here);
            }
          }
        }
        case "import" -> {
          for (Object set : Syntax.list(d.cdr, "import", here)) {
            importInto(env, set, here);
          }
        }
        case "begin" -> body.addAll(Syntax.list(d.cdr, "begin", here));
        case "include", "include-ci" -> body.addAll(include(d, here));
        case "include-library-declarations" -> {
          List<Object> more = include(d, here);
          declarations(Pair.list(more.toArray()), env, exports, body, here);
        }
        case "cond-expand" ->
            declarations(CondExpand.select(d, this, here), env, exports, body, here);
        default ->
            throw Syntax.error(
                "define-library: unknown declaration "
                    + head
                    + " (expected export, import, begin,"
                    + " include, include-ci, include-library-declarations or cond-expand)",
                here);
      }
    }
  }

  /** The forms of the files an {@code (include "file" ...)} names, relative to the form's file. */
  static List<Object> include(Pair form, SourcePos pos) {
    String who = Alias.base(form.car).toString();
    boolean foldCase = who.equals("include-ci");
    List<Object> forms = new ArrayList<>();
    for (Object f : Syntax.list(form.cdr, who, pos)) {
      if (!(f instanceof String file)) {
        throw Syntax.error(who + ": expected a file name string, got " + Errors.describe(f), pos);
      }
      Path path = directoryOf(pos).resolve(file);
      String text;
      try {
        text = Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw Syntax.error(
            who + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")", pos);
      }
      List<Object> read = Reader.readAll(text, path.toString());
      for (Object x : read) {
        forms.add(foldCase ? foldCase(x) : x);
      }
    }
    return forms;
  }

  private static Object foldCase(Object x) {
    if (x instanceof Symbol s && !(x instanceof Alias)) {
      return Symbol.of(s.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (x instanceof Pair p) {
      Pair copy = new Pair(foldCase(p.car), foldCase(p.cdr), p.pos());
      return p.isBracket() ? copy.markBracket() : copy;
    }
    return x;
  }

  /** The directory of the file {@code pos} is in, or the working directory. */
  static Path directoryOf(SourcePos pos) {
    if (pos != null && pos.file() != null) {
      Path file = Path.of(pos.file());
      if (Files.isRegularFile(file)) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
          return dir;
        }
      }
    }
    return Path.of("").toAbsolutePath();
  }

  private static void checkName(Object name, String who, SourcePos pos) {
    Object cur = name;
    for (; cur instanceof Pair p; cur = p.cdr) {
      if (!(p.car instanceof Symbol) && !(p.car instanceof Long)) {
        throw Syntax.error(
            who
                + ": a library name is a list of symbols and integers, got "
                + Errors.describe(Alias.strip(name)),
            pos);
      }
    }
    if (cur != Nil.NIL || name == Nil.NIL) {
      throw Syntax.error(who + ": bad library name " + Errors.describe(Alias.strip(name)), pos);
    }
  }

  // ---- import ---------------------------------------------------------------------------------

  /** Imports the import set {@code set} into {@code env}. */
  void importInto(Environment env, Object set, SourcePos pos) {
    Map<Symbol, Binding> bindings = resolveSet(set, pos);
    for (Map.Entry<Symbol, Binding> e : bindings.entrySet()) {
      Binding b = e.getValue();
      if (b.cell != null) {
        if (env.isInteraction() && b.cell == interp.global(e.getKey())) {
          continue;
        }
        env.bind(e.getKey(), b.cell);
      } else if (!(b.keyword instanceof Symbol same && same == e.getKey())) {
        env.defineMacro(e.getKey(), b.keyword);
      }
    }
  }

  private Map<Symbol, Binding> resolveSet(Object set, SourcePos pos) {
    if (!(set instanceof Pair p)) {
      throw Syntax.error("import: bad import set " + Errors.describe(Alias.strip(set)), pos);
    }
    Object head = Alias.base(p.car);
    if (head instanceof Symbol h && p.cdr instanceof Pair rest && rest.car instanceof Pair inner) {
      String kind = h.name();
      if (kind.equals("only")
          || kind.equals("except")
          || kind.equals("prefix")
          || kind.equals("rename")) {
        Map<Symbol, Binding> from = resolveSet(inner, pos);
        List<Object> args = Syntax.list(rest.cdr, "import: " + kind, pos);
        return modify(kind, from, args, inner, pos);
      }
    }
    return exportsOf(set, pos);
  }

  private static Map<Symbol, Binding> modify(
      String kind, Map<Symbol, Binding> from, List<Object> args, Object set, SourcePos pos) {
    Map<Symbol, Binding> out = new LinkedHashMap<>();
    switch (kind) {
      case "only" -> {
        for (Object a : args) {
          Symbol s = (Symbol) Alias.base(Syntax.symbol(a, "import: only", pos));
          Binding b = from.get(s);
          if (b == null) {
            throw Syntax.error("import: only: " + s + " is not exported by " + key(set), pos);
          }
          out.put(s, b);
        }
      }
      case "except" -> {
        out.putAll(from);
        for (Object a : args) {
          Symbol s = (Symbol) Alias.base(Syntax.symbol(a, "import: except", pos));
          if (out.remove(s) == null) {
            throw Syntax.error("import: except: " + s + " is not exported by " + key(set), pos);
          }
        }
      }
      case "prefix" -> {
        if (args.size() != 1) {
          throw Syntax.error("import: bad syntax, expected (prefix import-set prefix)", pos);
        }
        String prefix =
            ((Symbol) Alias.base(Syntax.symbol(args.get(0), "import: prefix", pos))).name();
        for (Map.Entry<Symbol, Binding> e : from.entrySet()) {
          out.put(Symbol.of(prefix + e.getKey().name()), e.getValue());
        }
      }
      default -> {
        out.putAll(from);
        for (Object a : args) {
          List<Object> pair = Syntax.list(a, "import: rename", pos);
          if (pair.size() != 2) {
            throw Syntax.error(
                "import: bad syntax, expected (rename import-set (old new) ...)", pos);
          }
          Symbol old = (Symbol) Alias.base(Syntax.symbol(pair.get(0), "import: rename", pos));
          Symbol now = (Symbol) Alias.base(Syntax.symbol(pair.get(1), "import: rename", pos));
          Binding b = out.remove(old);
          if (b == null) {
            throw Syntax.error("import: rename: " + old + " is not exported by " + key(set), pos);
          }
          out.put(now, b);
        }
      }
    }
    return out;
  }

  /** The exports of the library named {@code name}, loading it first if needed. */
  private synchronized Map<Symbol, Binding> exportsOf(Object name, SourcePos pos) {
    checkName(name, "import", pos);
    String key = key(name);
    List<String> builtin = BuiltinLibraries.names(key);
    if (builtin != null) {
      Map<Symbol, Binding> out = new LinkedHashMap<>();
      for (String n : builtin) {
        Symbol s = Symbol.of(n);
        out.put(
            s, analyzer.isKeyword(s) ? new Binding(null, s) : new Binding(interp.global(s), null));
      }
      return out;
    }
    Library lib = load(name, key, pos);
    Map<Symbol, Binding> out = new LinkedHashMap<>();
    for (Map.Entry<Symbol, Symbol> e : lib.exports.entrySet()) {
      Symbol internal = e.getValue();
      Object macro = lib.env.macro(internal);
      if (macro != null) {
        out.put(e.getKey(), new Binding(null, macro));
      } else if (analyzer.isKeyword(internal)) {
        out.put(e.getKey(), new Binding(null, internal));
      } else {
        out.put(e.getKey(), new Binding(lib.env.cell(internal), null));
      }
    }
    return out;
  }

  private Library load(Object name, String key, SourcePos pos) {
    Library lib = libraries.get(key);
    if (lib != null) {
      return lib;
    }
    if (loading.contains(key)) {
      List<String> chain = new ArrayList<>(loading.subList(loading.indexOf(key), loading.size()));
      chain.add(key);
      throw Syntax.error(
          "import: library " + key + " imports itself in a cycle: " + String.join(" -> ", chain),
          pos);
    }
    Path file = find(name, pos);
    List<Object> forms;
    try {
      forms = Reader.readAll(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw Syntax.error(
          "import: cannot read " + file + " (" + e.getClass().getSimpleName() + ")", pos);
    }
    loading.add(key);
    Path root = file.toAbsolutePath().getParent();
    for (Object cur = ((Pair) name).cdr; cur instanceof Pair p && root != null; cur = p.cdr) {
      root = root.getParent();
    }
    roots.add(0, root);
    try {
      for (Object f : forms) {
        if (f instanceof Pair p && Alias.base(p.car) == Symbol.of("define-library")) {
          loading.remove(key);
          define(p, Syntax.posOf(p, pos));
          loading.add(key);
        } else {
          interp.evalNested(analyzer.analyzeTopLevel(f));
        }
      }
    } finally {
      loading.remove(key);
      roots.remove(0);
    }
    lib = libraries.get(key);
    if (lib == null) {
      throw Syntax.error("import: " + file + " does not define the library " + key, pos);
    }
    return lib;
  }

  /** Is there a library of this name (built-in, loaded, or a file on the search path)? */
  synchronized boolean exists(Object name, SourcePos pos) {
    String key = key(name);
    return BuiltinLibraries.names(key) != null
        || libraries.containsKey(key)
        || candidates(name, pos).stream().anyMatch(Files::isRegularFile);
  }

  private Path find(Object name, SourcePos pos) {
    for (Path p : candidates(name, pos)) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    List<String> dirs = new ArrayList<>();
    for (Path d : searchDirs(pos)) {
      dirs.add(d.toString());
    }
    throw Syntax.error(
        "import: no library named " + key(name) + "; searched: " + String.join(", ", dirs), pos);
  }

  private List<Path> searchDirs(SourcePos pos) {
    List<Path> dirs = new ArrayList<>();
    dirs.add(directoryOf(pos));
    for (Path r : roots) {
      if (r != null && !dirs.contains(r)) {
        dirs.add(r);
      }
    }
    for (Path r : searchPath) {
      if (!dirs.contains(r)) {
        dirs.add(r);
      }
    }
    return dirs;
  }

  private List<Path> candidates(Object name, SourcePos pos) {
    StringBuilder rel = new StringBuilder();
    for (Object cur = Alias.strip(name); cur instanceof Pair p; cur = p.cdr) {
      if (rel.length() > 0) {
        rel.append('/');
      }
      rel.append(p.car);
    }
    List<Path> out = new ArrayList<>();
    for (Path dir : searchDirs(pos)) {
      out.add(dir.resolve(rel + ".sld"));
      out.add(dir.resolve(rel + ".omni"));
    }
    return out;
  }
}
