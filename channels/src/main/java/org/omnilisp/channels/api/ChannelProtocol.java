package org.omnilisp.channels.api;

import java.util.Objects;

/**
 * The messages a channel actor understands. Parking operations carry a {@link Waiter} and a clause
 * number; the channel completes the waiter through its callbacks (one message to the waiting party
 * when the waiter tells an actor). Values are never null.
 */
public final class ChannelProtocol {
  private ChannelProtocol() {}

  /** The answer of {@link TryRecv} when no value could be taken (empty, or closed and drained). */
  public static final Object EMPTY =
      new Object() {
        @Override
        public String toString() {
          return "EMPTY";
        }
      };

  /**
   * The answer of {@link Poll} when the channel is closed: for a send, or for a receive once the
   * channel is closed and drained.
   */
  public static final Object CLOSED =
      new Object() {
        @Override
        public String toString() {
          return "CLOSED";
        }
      };

  /** The answer of {@link Poll} for a send that a receiver or buffer room took now. */
  public static final Object SENT =
      new Object() {
        @Override
        public String toString() {
          return "SENT";
        }
      };

  /**
   * The value of a {@link Send} that only waits for demand (see {@link ChannelHandle#awaitDemand}):
   * it completes with {@code onSent} once a receiver is parked or the buffer has room, taking
   * nothing and handing nothing over; a receiver never gets it.
   */
  public static final Object DEMAND =
      new Object() {
        @Override
        public String toString() {
          return "DEMAND";
        }
      };

  /**
   * An answer to {@link TrySend}, {@link TryRecv} or {@link Poll} from a channel that cannot serve
   * it (a remote channel whose node is down): the caller raises {@code error}.
   *
   * @param error the Lisp error object to raise
   */
  public record Failed(Object error) {}

  /** Every message to a channel actor. */
  public interface Command {}

  /**
   * Offer {@code value}; completes with {@code onSent(clause)} or {@code onClosed(clause)}.
   *
   * @param value the value to send (not null)
   * @param waiter the party's waiter
   * @param clause the clause number the waiter gets back
   */
  public record Send(Object value, Waiter waiter, int clause) implements Command {
    /**
     * Checks that the operands are not null.
     *
     * @param value the value to send (not null)
     * @param waiter the party's waiter
     * @param clause the clause number the waiter gets back
     */
    public Send {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(waiter, "waiter");
    }
  }

  /**
   * Ask for a value; completes with {@code onReceived(clause, v)} or {@code onClosed(clause)}.
   *
   * @param waiter the party's waiter
   * @param clause the clause number the waiter gets back
   */
  public record Recv(Waiter waiter, int clause) implements Command {
    /**
     * Checks that the operands are not null.
     *
     * @param waiter the party's waiter
     * @param clause the clause number the waiter gets back
     */
    public Recv {
      Objects.requireNonNull(waiter, "waiter");
    }
  }

  /**
   * Send only if a receiver or buffer room is ready now; replies true or false.
   *
   * @param value the value to send (not null)
   * @param replyTo where the answer goes
   */
  public record TrySend(Object value, ReplyTo<Boolean> replyTo) implements Command {
    /**
     * Checks that the operands are not null.
     *
     * @param value the value to send (not null)
     * @param replyTo where the answer goes
     */
    public TrySend {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /**
   * Take a value only if one is ready now; replies the value or {@link #EMPTY}.
   *
   * @param replyTo where the answer goes
   */
  public record TryRecv(ReplyTo<Object> replyTo) implements Command {
    /**
     * Checks that the operands are not null.
     *
     * @param replyTo where the answer goes
     */
    public TryRecv {
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /**
   * A try-send ({@code value} not null) or try-recv ({@code value} null) that tells a closed
   * channel apart from one that is not ready: replies {@link #SENT} or the received value when done
   * now, {@link #EMPTY} when it would have to wait, {@link #CLOSED} when the channel is closed (a
   * send), or closed and drained (a receive). {@code select} with an {@code else} clause uses it.
   *
   * @param value the value to send, or null for a receive
   * @param replyTo where the answer goes
   */
  public record Poll(Object value, ReplyTo<Object> replyTo) implements Command {
    /**
     * Checks that the operands are not null ({@code value} is null in a receive).
     *
     * @param value the value to send, or null for a receive
     * @param replyTo where the answer goes
     */
    public Poll {
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /**
   * Remove every parked entry of {@code waiter} once it is claimed (a select resolved elsewhere, or
   * canceled); ignored while the waiter is still open, so that it never loses an offer.
   *
   * @param waiter the claimed waiter
   */
  public record Withdraw(Waiter waiter) implements Command {}

  /** Close the channel; idempotent. */
  public enum Close implements Command {
    /** The one close message. */
    INSTANCE
  }
}
