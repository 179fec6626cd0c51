package org.omnilisp.lang;

/** A value that prints itself the same way under write and display, e.g. {@code #<channel 3>}. */
public interface Printable {
  String printForm();
}
