package org.omnilisp.channels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the stress parties did: the outcome of every offered value (exactly one each), every value
 * received (exactly once each), and what each receiving party got from each channel, in the order
 * it got them (a party receives one value at a time, so that order is the delivery order:
 * per-sender FIFO means each sender's values reach it in increasing order). Nothing here throws
 * inside a callback: violations are collected and asserted at the end.
 */
final class StressLedger {
  /** A value: sender id and its sequence number. */
  record Val(int sender, int seq) {}

  static final String SENT = "sent";
  static final String FAILED = "failed"; // the channel was closed
  static final String NOT_SENT = "not sent"; // canceled, try failed, or another clause fired

  final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  final ConcurrentHashMap<Val, String> outcomes = new ConcurrentHashMap<>();
  final ConcurrentHashMap<Val, Integer> received = new ConcurrentHashMap<>();
  final AtomicInteger offered = new AtomicInteger();
  final CompletableFuture<Void> closeNow = new CompletableFuture<>();
  private final ConcurrentHashMap<String, ConcurrentLinkedQueue<Val>> deliveries =
      new ConcurrentHashMap<>();
  private final AtomicInteger sentCount = new AtomicInteger();
  private final int closeAfter;

  StressLedger(int channels, int closeAfter) {
    this.closeAfter = closeAfter;
  }

  void outcome(Val v, String outcome) {
    String before = outcomes.putIfAbsent(v, outcome);
    if (before != null) {
      violations.add(v + " completed twice: " + before + ", then " + outcome);
    }
    if (outcome.equals(SENT) && sentCount.incrementAndGet() >= closeAfter) {
      closeNow.complete(null);
    }
  }

  /** Party {@code party} received {@code value} from channel {@code channel}. */
  void received(String party, int channel, Object value) {
    if (!(value instanceof Val)) {
      violations.add("received a foreign value " + value);
      return;
    }
    Val v = (Val) value;
    deliveries
        .computeIfAbsent(party + " from channel " + channel, k -> new ConcurrentLinkedQueue<>())
        .add(v);
    if (received.merge(v, 1, Integer::sum) > 1) {
      violations.add(v + " received twice");
    }
  }

  /** Every violation of the channel contract found in the record. */
  List<String> check() {
    List<String> found = new ArrayList<>(violations);
    if (outcomes.size() != offered.get()) {
      found.add(offered.get() + " values offered but " + outcomes.size() + " outcomes");
    }
    outcomes.forEach(
        (v, outcome) -> {
          boolean got = received.containsKey(v);
          if (outcome.equals(SENT) != got) {
            found.add(v + " was " + outcome + (got ? " but received" : " but never received"));
          }
        });
    received.keySet().stream()
        .filter(v -> !outcomes.containsKey(v))
        .forEach(v -> found.add(v + " received without an outcome"));
    deliveries.forEach(
        (who, got) -> {
          Map<Integer, Integer> last = new HashMap<>();
          for (Val v : got) {
            Integer before = last.put(v.sender(), v.seq());
            if (before != null && before >= v.seq()) {
              found.add(who + " got " + v + " after seq " + before);
            }
          }
        });
    return found;
  }

  int sentCount() {
    return sentCount.get();
  }
}
