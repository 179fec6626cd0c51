package org.omnilisp.channels.api;

import java.lang.ref.Reference;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.omnilisp.channels.api.ChannelProtocol.Close;
import org.omnilisp.channels.api.ChannelProtocol.Command;
import org.omnilisp.channels.api.ChannelProtocol.Poll;
import org.omnilisp.channels.api.ChannelProtocol.Recv;
import org.omnilisp.channels.api.ChannelProtocol.Send;
import org.omnilisp.channels.api.ChannelProtocol.TryRecv;
import org.omnilisp.channels.api.ChannelProtocol.TrySend;
import org.omnilisp.channels.api.ChannelProtocol.Withdraw;
import org.omnilisp.channels.internal.ChannelActor;
import org.omnilisp.channels.internal.ChannelCore;
import org.omnilisp.channels.internal.ChannelState;
import org.omnilisp.channels.internal.FutureWaiters.RecvWaiter;
import org.omnilisp.channels.internal.FutureWaiters.SendWaiter;

/**
 * A channel, usable from any thread or actor. Values must not be null. Made by {@link Channels}.
 *
 * <p>Two kinds of operation. The <em>message</em> operations ({@link #send}, {@link #recv}, {@link
 * #trySend}, {@link #tryRecv}, {@link #pollSend}, {@link #pollRecv} and the {@code ...Async} forms)
 * are each one message to the channel actor, so the operations one caller starts reach the channel
 * in the order started; completions come back through the {@link Waiter} or {@link ReplyTo} on the
 * thread that completes them (the actor's, or another party's, see {@link Waiter}), never inside
 * the caller's call. The <em>fast paths</em> {@link #offerNow} and {@link #takeNow} run in the
 * caller's thread, under the channel's lock, and never wait; a caller that had to wait then parks
 * with {@link #send} or {@link #recv}. A party with message operations still in flight must not use
 * the fast paths if it cares about the order of its own values.
 *
 * <p>The actor is made when first needed (a party parks, a message operation, {@link #ref()}): a
 * channel that never makes anyone wait costs no actor. Keep this handle (not only {@link #ref()})
 * as the channel's identity: it carries the closed flag and the capacity, and the channel's actor
 * stops once the handle has been garbage collected.
 */
public final class ChannelHandle {
  private volatile ActorRef<Command> ref; // null until needed (a local channel)
  private final Function<ChannelHandle, ActorRef<Command>> spawn; // null: ref given at creation
  private final ChannelCore core; // null for a forwarding handle (a remote channel's proxy)
  private final long id;
  private final int capacity;
  private final ChannelState state; // the core for a local channel

  /** A handle whose operations all go to {@code ref} (a channel elsewhere: no fast paths). */
  ChannelHandle(ActorRef<Command> ref, long id, int capacity, ChannelState state) {
    this.ref = ref;
    this.spawn = null;
    this.core = null;
    this.id = id;
    this.capacity = capacity;
    this.state = state;
  }

  /** A local channel: {@code spawn} makes its actor over {@code core} when first needed. */
  ChannelHandle(
      Function<ChannelHandle, ActorRef<Command>> spawn, ChannelCore core, long id, int capacity) {
    this.spawn = spawn;
    this.core = core;
    this.id = id;
    this.capacity = capacity;
    this.state = core;
  }

  /**
   * The channel actor, made now if it did not exist yet.
   *
   * @return the actor that speaks {@link ChannelProtocol} for this channel
   */
  public ActorRef<Command> ref() {
    ActorRef<Command> r = ref;
    return r != null ? r : spawnActor();
  }

  private synchronized ActorRef<Command> spawnActor() {
    ActorRef<Command> r = ref;
    if (r == null) {
      ActorRef<Command> spawned = spawn.apply(this);
      core.onBlocked(() -> spawned.tell(ChannelActor.retry())); // before anyone can park
      ref = spawned;
      r = spawned;
    }
    return r;
  }

  ChannelCore core() {
    return core;
  }

  /**
   * True once the actor exists (tests and diagnostics: a channel nobody waited on has none).
   *
   * @return whether the channel's actor has been made
   */
  public boolean hasActor() {
    return ref != null;
  }

  /**
   * True for a channel of this JVM: {@link #offerNow} and {@link #takeNow} can complete.
   *
   * @return whether the channel is local
   */
  public boolean isLocal() {
    return core != null;
  }

  /**
   * Sends {@code value} now, in the caller's thread, if that needs no waiting: into buffer room or
   * to a parked receiver (whose waiter is completed here, after the channel's lock is released).
   * Returns {@link ChannelProtocol#SENT}, {@link ChannelProtocol#EMPTY} (it would have to wait:
   * park with {@link #send}) or {@link ChannelProtocol#CLOSED}. A remote channel answers EMPTY.
   *
   * @param value the value to send (not null)
   * @return {@link ChannelProtocol#SENT}, {@link ChannelProtocol#EMPTY} or {@link
   *     ChannelProtocol#CLOSED}
   */
  public Object offerNow(Object value) {
    java.util.Objects.requireNonNull(value, "value");
    if (core == null) {
      return ChannelProtocol.EMPTY;
    }
    if (state.isClosed()) {
      return ChannelProtocol.CLOSED; // a Close may still be on its way to the actor
    }
    return core.offer(value);
  }

  /**
   * Receives now, in the caller's thread, if a value is ready: from the buffer (a parked sender
   * then refills it) or from a parked sender. Returns the value, {@link ChannelProtocol#EMPTY} (it
   * would have to wait: park with {@link #recv}) or {@link ChannelProtocol#CLOSED} (closed and
   * drained). A remote channel answers EMPTY.
   *
   * @return the value, {@link ChannelProtocol#EMPTY} or {@link ChannelProtocol#CLOSED}
   */
  public Object takeNow() {
    return core == null ? ChannelProtocol.EMPTY : core.take();
  }

  /**
   * The channel's id, as given when it was made.
   *
   * @return the id
   */
  public long id() {
    return id;
  }

  /**
   * How many values the channel buffers.
   *
   * @return the capacity (0: rendezvous)
   */
  public int capacity() {
    return capacity;
  }

  /**
   * True once closed. After {@link #close()} returns, true in the calling thread; a send that any
   * thread starts after seeing true is sure to fail with closed.
   *
   * @return whether the channel is closed
   */
  public boolean isClosed() {
    return state.isClosed();
  }

  /**
   * Parks a send offer in the channel's queue now, from the caller's thread (the actor is made
   * first if needed, so that a parked party always has an actor to be known by): it may complete at
   * once, inside this call (a parked receiver or buffer room), or later, on the thread of the party
   * or actor that completes it. A remote channel: as {@link #send}.
   *
   * @param value the value to send (not null)
   * @param w the party's waiter
   * @param clause the clause number the waiter gets back
   */
  public void parkSend(Object value, Waiter w, int clause) {
    java.util.Objects.requireNonNull(value, "value");
    if (core == null) {
      send(value, w, clause);
    } else {
      ref();
      if (core.send(value, w, clause)) {
        core.retryLater();
      }
    }
  }

  /**
   * Parks a recv offer in the channel's queue now; as {@link #parkSend}.
   *
   * @param w the party's waiter
   * @param clause the clause number the waiter gets back
   */
  public void parkRecv(Waiter w, int clause) {
    if (core == null) {
      recv(w, clause);
    } else {
      ref();
      if (core.recv(w, clause)) {
        core.retryLater();
      }
    }
  }

  /**
   * Parks a send offer: completes with {@code w.onSent(clause)} or {@code w.onClosed(clause)}.
   *
   * @param value the value to send (not null)
   * @param w the party's waiter
   * @param clause the clause number the waiter gets back
   */
  public void send(Object value, Waiter w, int clause) {
    tell(new Send(value, w, clause));
  }

  /**
   * Parks a recv offer: completes with {@code w.onReceived(clause, v)} or {@code onClosed}.
   *
   * @param w the party's waiter
   * @param clause the clause number the waiter gets back
   */
  public void recv(Waiter w, int clause) {
    tell(new Recv(w, clause));
  }

  /**
   * Waits for demand: {@code w.onSent(clause)} once a receiver is parked here or the buffer has
   * room (nothing is taken from or given to it: the caller may then try a {@link #pollSend}), or
   * {@code onClosed} once closed. The first half of a send whose sender must decide elsewhere
   * before it hands the value over (a remote channel's select).
   *
   * @param w the party's waiter
   * @param clause the clause number the waiter gets back
   */
  public void awaitDemand(Waiter w, int clause) {
    tell(new Send(ChannelProtocol.DEMAND, w, clause));
  }

  /**
   * Removes the parked offers of {@code w} (after it was claimed elsewhere).
   *
   * @param w the claimed waiter
   */
  public void withdraw(Waiter w) {
    if (core != null) {
      core.withdraw(w); // no message: only a claimed waiter's (stale) entries go
    } else {
      tell(new Withdraw(w));
    }
  }

  /**
   * Closes the channel (idempotent). Without an actor nothing can be in flight to it, so the
   * channel closes here and now; with one, {@code Close} queues behind the messages sent before.
   */
  public void close() {
    if (core != null && ref == null) {
      synchronized (this) { // no actor can appear meanwhile (spawnActor holds this lock)
        if (ref == null) {
          core.close();
          state.markClosed();
          return;
        }
      }
    }
    tell(Close.INSTANCE);
    state.markClosed(); // after the tell: whoever sees the flag sends after Close is enqueued
  }

  /**
   * Replies true if a receiver or buffer room took {@code value} now, else false.
   *
   * @param value the value to send (not null)
   * @param replyTo where the answer goes
   */
  public void trySend(Object value, ReplyTo<Boolean> replyTo) {
    tell(new TrySend(value, replyTo));
  }

  /**
   * Replies a value ready now, or {@link ChannelProtocol#EMPTY}.
   *
   * @param replyTo where the answer goes
   */
  public void tryRecv(ReplyTo<Object> replyTo) {
    tell(new TryRecv(replyTo));
  }

  /**
   * Sends {@code value} if that can be done now; replies {@link ChannelProtocol#SENT}, {@link
   * ChannelProtocol#EMPTY} (it would wait) or {@link ChannelProtocol#CLOSED}.
   *
   * @param value the value to send (not null)
   * @param replyTo where the answer goes
   */
  public void pollSend(Object value, ReplyTo<Object> replyTo) {
    java.util.Objects.requireNonNull(value, "value");
    tell(new Poll(value, replyTo));
  }

  /**
   * Receives a value if one is ready now; replies it, {@link ChannelProtocol#EMPTY} (it would wait)
   * or {@link ChannelProtocol#CLOSED} (closed and drained).
   *
   * @param replyTo where the answer goes
   */
  public void pollRecv(ReplyTo<Object> replyTo) {
    tell(new Poll(null, replyTo));
  }

  /**
   * Sends {@code value}, waiting for a receiver or buffer room.
   *
   * @param value the value to send (not null)
   * @return completes when sent; exceptionally with {@link ChannelClosedException} if closed
   */
  public CompletionStage<Void> sendAsync(Object value) {
    SendWaiter w = new SendWaiter();
    send(value, w, 0);
    return w.future;
  }

  /**
   * Receives the next value, waiting for one.
   *
   * @return completes with the next value, or empty once the channel is closed and drained
   */
  public CompletionStage<Optional<Object>> recvAsync() {
    RecvWaiter w = new RecvWaiter();
    recv(w, 0);
    return w.future;
  }

  /**
   * Sends {@code value} only if a receiver or buffer room is ready now.
   *
   * @param value the value to send (not null)
   * @return completes with true if the value was taken now, else false
   */
  public CompletionStage<Boolean> trySendAsync(Object value) {
    CompletableFuture<Boolean> future = new CompletableFuture<>();
    trySend(value, future::complete);
    return future;
  }

  /**
   * Receives a value only if one is ready now.
   *
   * @return completes with a value ready now, or empty
   */
  public CompletionStage<Optional<Object>> tryRecvAsync() {
    CompletableFuture<Optional<Object>> future = new CompletableFuture<>();
    tryRecv(v -> future.complete(v == ChannelProtocol.EMPTY ? Optional.empty() : Optional.of(v)));
    return future;
  }

  /**
   * Sends {@code message} to the actor while this handle is surely reachable: the actor stops once
   * the handle is collected (see {@link Channels}), and without the fence the JIT may let the
   * handle go as soon as {@code ref} is read, so the stop could overtake the message.
   */
  private void tell(Command message) {
    try {
      ref().tell(message);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public String toString() {
    return "#<channel " + id + ">";
  }
}
