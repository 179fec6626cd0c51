package org.omnilisp.lang;

/**
 * An instance of a record type made by {@code define-record-type} (R7RS 5.5). Prints as {@code
 * #<name>}, the type's name without the angle brackets R7RS programs conventionally put around it.
 */
public final class Record implements Printable {
  /** A record type: its name and field names; a type is only ever equal to itself. */
  public static final class Type implements Printable {
    public final String name;
    public final Symbol[] fields;

    public Type(Symbol name, Symbol[] fields) {
      String n = name.name();
      this.name =
          n.length() > 2 && n.startsWith("<") && n.endsWith(">")
              ? n.substring(1, n.length() - 1)
              : n;
      this.fields = fields;
    }

    public int index(Symbol field) {
      for (int i = 0; i < fields.length; i++) {
        if (fields[i] == field) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public String printForm() {
      return "#<record-type " + name + ">";
    }
  }

  public final Type type;
  public final Object[] values;

  public Record(Type type, Object[] values) {
    this.type = type;
    this.values = values;
  }

  @Override
  public String printForm() {
    return "#<" + type.name + ">";
  }
}
