package org.omnilisp.machine;

/** A top-level form after analysis: its body and the number of slots its frame needs. */
public record Code(Node body, int frameSize) {}
