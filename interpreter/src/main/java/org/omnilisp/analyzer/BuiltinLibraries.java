package org.omnilisp.analyzer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The names the built-in libraries export, read once from {@code libraries.txt}. */
final class BuiltinLibraries {
  private static final Map<String, List<String>> LIBRARIES = load();

  private BuiltinLibraries() {}

  /** The exported names of the built-in library {@code key} (e.g. "(scheme base)"), or null. */
  static List<String> names(String key) {
    return LIBRARIES.get(key);
  }

  private static Map<String, List<String>> load() {
    Map<String, List<String>> libs = new LinkedHashMap<>();
    try (InputStream in = BuiltinLibraries.class.getResourceAsStream("libraries.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> current = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          current = null;
        } else if (current == null) {
          current = new ArrayList<>();
          libs.put(line, current);
        } else {
          Collections.addAll(current, line.split("\\s+"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(libs);
  }
}
