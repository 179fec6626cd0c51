package org.omnilisp.machine;

/**
 * A frame that marks a dynamic extent (a {@code dynamic-wind}, a {@code finally}, a {@code
 * with-fibers} body): when a continuation's control leaves the extent its {@link #windOut} runs,
 * when it enters the extent again its {@link #windIn} runs. Each sets the machine up to run that
 * code (a node or a call) on a chain that continues outside the extent; its value is dropped.
 */
public interface Winder {
  void windOut(Machine m);

  void windIn(Machine m);
}
