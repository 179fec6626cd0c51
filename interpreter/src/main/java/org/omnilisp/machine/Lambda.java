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

  /** Whether the body may run in direct style (see {@link Direct}). */
  final boolean direct;

  /** The body's {@link Node#directDepth}. */
  final int depth;

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
