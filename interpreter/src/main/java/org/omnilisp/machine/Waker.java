package org.omnilisp.machine;

/** Completes a park: resumes the machine with a value, or raises an error in it. */
public interface Waker {
  void wake(Object value);

  void fail(Object error);
}
