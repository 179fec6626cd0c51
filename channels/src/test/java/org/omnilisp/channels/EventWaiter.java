package org.omnilisp.channels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.omnilisp.channels.api.Waiter;

/** A waiter that reports each completion as a string such as "r1 received 0 a" to a sink. */
final class EventWaiter extends Waiter {
  private final String name;
  private final Consumer<String> sink;
  final AtomicInteger completions = new AtomicInteger();

  EventWaiter(String name, Consumer<String> sink) {
    this.name = name;
    this.sink = sink;
  }

  @Override
  public void onSent(int clause) {
    report("sent " + clause);
  }

  @Override
  public void onReceived(int clause, Object value) {
    report("received " + clause + " " + value);
  }

  @Override
  public void onClosed(int clause) {
    report("closed " + clause);
  }

  private void report(String event) {
    completions.incrementAndGet();
    sink.accept(name + " " + event);
  }
}
