package org.omnilisp.lang;

/** An error value made by {@code error} or by the system; printed as {@code #<error message>}. */
public final class ErrorObject {
  /** What kind of error it is, for R7RS {@code read-error?} and {@code file-error?}. */
  public enum Kind {
    /** Any other error. */
    GENERAL,
    /** Raised by the reader on malformed text. */
    READ,
    /** Raised when a file cannot be opened, created or deleted. */
    FILE
  }

  private final String message;
  private final Object irritants;
  private SourcePos pos;
  private Throwable cause;
  private Kind kind = Kind.GENERAL;

  public ErrorObject(String message, Object irritants) {
    this.message = message;
    this.irritants = irritants;
  }

  public ErrorObject(String message) {
    this(message, Nil.NIL);
  }

  public String message() {
    return message;
  }

  /** The irritants as a list. */
  public Object irritants() {
    return irritants;
  }

  public SourcePos pos() {
    return pos;
  }

  /** Records where the error was raised, unless a position is already known. */
  public void locate(SourcePos where) {
    if (pos == null) {
      pos = where;
    }
  }

  public Kind kind() {
    return kind;
  }

  public ErrorObject withKind(Kind kind) {
    this.kind = kind;
    return this;
  }

  public Throwable cause() {
    return cause;
  }

  public ErrorObject withCause(Throwable cause) {
    this.cause = cause;
    return this;
  }
}
