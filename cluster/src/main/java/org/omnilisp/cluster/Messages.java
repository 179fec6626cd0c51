package org.omnilisp.cluster;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * What crosses nodes (serialized by {@link WireSerializer}): requests from a channel's proxy on one
 * node to its exporter on the owning node, and the exporter's replies. Values inside are wire
 * values (see {@link Wire}): channels travel as {@link ChannelRef}s.
 */
final class Messages {
  private Messages() {}

  /** Marks the messages bound to {@link WireSerializer} in the configuration. */
  interface WireMessage {}

  /** What an exporter understands. */
  interface ExporterCommand {}

  /** What a proxy understands besides the local channel protocol. */
  interface ProxyEvent {}

  // Request kinds
  static final int SEND = 1;
  static final int RECV = 2;
  static final int TRY_SEND = 3;
  static final int TRY_RECV = 4;
  static final int POLL_SEND = 5;
  static final int POLL_RECV = 6;
  static final int CLOSE = 7;
  static final int WITHDRAW = 8;
  static final int REQUEUE = 9;
  static final int OFFER = 10; // a select's send: park a demand; the value waits for COMMIT
  static final int COMMIT = 11; // the proxy claimed the select for the offer: send it now

  // Reply outcomes
  static final int SENT = 1;
  static final int RECEIVED = 2;
  static final int CLOSED = 3;
  static final int EMPTY = 4;
  static final int REFUSED = 5; // a try-send that could not be done now
  static final int FAILED = 6; // the value is an error object to raise
  static final int READY = 7; // an offer met demand (a receiver, or room): claim, then COMMIT
  static final int MISSED = 8; // a committed offer found no receiver or room after all

  /** One operation of the proxy {@code replyTo} on the exporter's channel, numbered {@code op}. */
  record Request(int kind, long op, Object value, ActorRef<ProxyEvent> replyTo)
      implements ExporterCommand, WireMessage {}

  /** The outcome of request {@code op} (its value for RECEIVED, else null). */
  record Reply(long op, int outcome, Object value) implements ProxyEvent, WireMessage {}

  /** What a node's fiber spawner (spawn-at's far end) understands. */
  interface SpawnerCommand {}

  /** What the calling node hears about its remote fibers. */
  interface FiberEvent {}

  /** Run the global procedure {@code name} with {@code args} (a wire list) in a new fiber. */
  record SpawnRequest(long id, String name, Object args, ActorRef<FiberEvent> replyTo)
      implements SpawnerCommand, WireMessage {}

  /** Cancel the fiber that {@code replyTo}'s request {@code id} started. */
  record CancelRequest(long id, ActorRef<FiberEvent> replyTo)
      implements SpawnerCommand, WireMessage {}

  /** The fiber of request {@code id} started ({@code error} null), or could not be. */
  record Spawned(long id, Object error) implements FiberEvent, WireMessage {}

  /** The fiber of request {@code id} ended: its result ({@code ok}) or the error it raised. */
  record FiberEnded(long id, boolean ok, Object value) implements FiberEvent, WireMessage {}

  /** A channel on the wire: its exporter (on the owning node), its number and capacity. */
  record ChannelRef(ActorRef<ExporterCommand> exporter, long id, int capacity) {}
}
