package org.omnilisp.channels.api;

import java.lang.ref.Reference;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.omnilisp.channels.api.ChannelProtocol.Close;
import org.omnilisp.channels.api.ChannelProtocol.Command;
import org.omnilisp.channels.api.ChannelProtocol.Poll;
import org.omnilisp.channels.api.ChannelProtocol.Recv;
import org.omnilisp.channels.api.ChannelProtocol.Send;
import org.omnilisp.channels.api.ChannelProtocol.TryRecv;
import org.omnilisp.channels.api.ChannelProtocol.TrySend;
import org.omnilisp.channels.api.ChannelProtocol.Withdraw;
import org.omnilisp.channels.internal.ChannelState;
import org.omnilisp.channels.internal.FutureWaiters.RecvWaiter;
import org.omnilisp.channels.internal.FutureWaiters.SendWaiter;

/**
 * A channel, usable from any thread or actor. Every operation is one message to the channel actor;
 * completions come back through the {@link Waiter} or {@link ReplyTo} (called on the channel
 * actor's thread, never on the caller's). Values must not be null. Made by {@link Channels}.
 *
 * <p>Keep this handle (not only {@link #ref()}) as the channel's identity: it carries the closed
 * flag and the capacity, and the channel's actor stops once the handle has been garbage collected.
 */
public final class ChannelHandle {
  private final ActorRef<Command> ref;
  private final long id;
  private final int capacity;
  private final ChannelState state;

  ChannelHandle(ActorRef<Command> ref, long id, int capacity, ChannelState state) {
    this.ref = ref;
    this.id = id;
    this.capacity = capacity;
    this.state = state;
  }

  public ActorRef<Command> ref() {
    return ref;
  }

  public long id() {
    return id;
  }

  public int capacity() {
    return capacity;
  }

  /**
   * True once closed. After {@link #close()} returns, true in the calling thread; a send that any
   * thread starts after seeing true is sure to fail with closed.
   */
  public boolean isClosed() {
    return state.isClosed();
  }

  /** Parks a send offer: completes with {@code w.onSent(clause)} or {@code w.onClosed(clause)}. */
  public void send(Object value, Waiter w, int clause) {
    tell(new Send(value, w, clause));
  }

  /** Parks a recv offer: completes with {@code w.onReceived(clause, v)} or {@code onClosed}. */
  public void recv(Waiter w, int clause) {
    tell(new Recv(w, clause));
  }

  /**
   * Waits for demand: {@code w.onSent(clause)} once a receiver is parked here or the buffer has
   * room (nothing is taken from or given to it: the caller may then try a {@link #pollSend}), or
   * {@code onClosed} once closed. The first half of a send whose sender must decide elsewhere
   * before it hands the value over (a remote channel's select).
   */
  public void awaitDemand(Waiter w, int clause) {
    tell(new Send(ChannelProtocol.DEMAND, w, clause));
  }

  /** Removes the parked offers of {@code w} (after it was claimed elsewhere). */
  public void withdraw(Waiter w) {
    tell(new Withdraw(w));
  }

  /** Closes the channel (idempotent). */
  public void close() {
    tell(Close.INSTANCE);
    state.markClosed(); // after the tell: whoever sees the flag sends after Close is enqueued
  }

  /** Replies true if a receiver or buffer room took {@code value} now, else false. */
  public void trySend(Object value, ReplyTo<Boolean> replyTo) {
    tell(new TrySend(value, replyTo));
  }

  /** Replies a value ready now, or {@link ChannelProtocol#EMPTY}. */
  public void tryRecv(ReplyTo<Object> replyTo) {
    tell(new TryRecv(replyTo));
  }

  /**
   * Sends {@code value} if that can be done now; replies {@link ChannelProtocol#SENT}, {@link
   * ChannelProtocol#EMPTY} (it would wait) or {@link ChannelProtocol#CLOSED}.
   */
  public void pollSend(Object value, ReplyTo<Object> replyTo) {
    java.util.Objects.requireNonNull(value, "value");
    tell(new Poll(value, replyTo));
  }

  /**
   * Receives a value if one is ready now; replies it, {@link ChannelProtocol#EMPTY} (it would wait)
   * or {@link ChannelProtocol#CLOSED} (closed and drained).
   */
  public void pollRecv(ReplyTo<Object> replyTo) {
    tell(new Poll(null, replyTo));
  }

  /** Completes when sent; exceptionally with {@link ChannelClosedException} if closed. */
  public CompletionStage<Void> sendAsync(Object value) {
    SendWaiter w = new SendWaiter();
    send(value, w, 0);
    return w.future;
  }

  /** Completes with the next value, or empty once the channel is closed and drained. */
  public CompletionStage<Optional<Object>> recvAsync() {
    RecvWaiter w = new RecvWaiter();
    recv(w, 0);
    return w.future;
  }

  public CompletionStage<Boolean> trySendAsync(Object value) {
    CompletableFuture<Boolean> future = new CompletableFuture<>();
    trySend(value, future::complete);
    return future;
  }

  /** Completes with a value ready now, or empty. */
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
      ref.tell(message);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public String toString() {
    return "#<channel " + id + ">";
  }
}
