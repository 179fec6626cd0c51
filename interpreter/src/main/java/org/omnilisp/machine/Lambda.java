package org.omnilisp.machine;

/**
 * What a {@code lambda} compiles to: the shape of its environment frame and its body. The frame
 * holds the parameters first (the rest list last), then the slots of local definitions and {@code
 * let} bindings in the body.
 */
public final class Lambda {
  final String name;
  final int required;
  final boolean rest;
  final int frameSize;
  Node body;

  /**
   * Whether the body runs in direct style (see {@link Direct}). Cleared for good once calls of it
   * have found the Java stack full too often: deep recursion (ack, a million-deep count) is then
   * cheaper on heap frames than unwinding the Java stack into them again and again. A plain field:
   * a thread that sees the change late only runs directly a little longer.
   */
  boolean direct;

  /**
   * How many times a direct call of it found the Java stack full. Like the count below, a plain
   * field that the fibers running it on several pool threads bump without a lock: a lost update
   * only moves the switch to the machine a little later; the counts are a heuristic, not a bound.
   */
  int overflows;

  /**
   * How many direct runs of it in a row, entered from the machine, ended after a few steps in a
   * call whose fast path declined (a recv that waits at every turn: see {@link Direct#enter}). One
   * count for the lambda, whatever closure or fiber runs it: 64 short runs in a row by any of them
   * switch all of them to the machine for good (the same code mostly does the same waiting).
   */
  int shortDeclines;

  /**
   * The body as bytecode, once the lambda is hot ({@link Compiler}); null until then. A plain
   * field: a thread that sees it late runs the tree a little longer.
   */
  Compiled code;

  /** How many direct calls of it ran the tree (the compiler's threshold counts them). */
  int calls;

  /**
   * Whether no lambda is made inside this one, so that no closure holds its frame: then a tail call
   * of itself from its compiled body fills the frame it runs in again (see {@link Compiler}).
   */
  boolean frameReusable;

  /** The body's {@link Node#directDepth}. */
  final int depth;

  /** Tells that no lambda is made inside this one (the analyzer knows). */
  public void frameNeverCaptured() {
    frameReusable = true;
  }

  public Lambda(String name, int required, boolean rest, int frameSize, Node body) {
    this.name = name;
    this.required = required;
    this.rest = rest;
    this.frameSize = frameSize;
    this.body = body;
    this.direct = Direct.eligible(body);
    this.depth = body == null ? 1 : body.directDepth();
  }
}
