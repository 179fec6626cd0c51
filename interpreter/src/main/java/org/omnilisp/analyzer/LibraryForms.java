package org.omnilisp.analyzer;

import java.util.List;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.machine.Node;

/**
 * The forms of R7RS 5.6 and 4.1.7 that work on files and libraries: {@code define-library} and
 * {@code import} (at analysis time: a library is loaded, once, before the code that follows is
 * analysed), {@code include}, {@code include-ci} and {@code cond-expand} (spliced as a {@code
 * begin}).
 */
final class LibraryForms {
  private final Analyzer analyzer;

  LibraryForms(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  Node defineLibrary(Pair form, Scope scope, SourcePos pos) {
    if (!scope.topLevel) {
      throw Syntax.error("define-library: only allowed at top level", pos);
    }
    analyzer.libraries.define(form, pos);
    return SpecialForms.nothing(pos);
  }

  Node importForm(Pair form, Scope scope, SourcePos pos) {
    if (!scope.topLevel) {
      throw Syntax.error("import: only allowed at top level", pos);
    }
    for (Object set : Syntax.list(form.cdr, "import", pos)) {
      analyzer.libraries.importInto(scope.top(), set, pos);
    }
    return SpecialForms.nothing(pos);
  }

  Node include(Pair form, Scope scope, SourcePos pos) {
    List<Object> forms = Libraries.include(form, pos);
    return analyzer.body(Pair.list(forms.toArray()), scope, pos);
  }

  Node condExpand(Pair form, Scope scope, SourcePos pos) {
    return analyzer.body(CondExpand.select(form, analyzer.libraries, pos), scope, pos);
  }
}
