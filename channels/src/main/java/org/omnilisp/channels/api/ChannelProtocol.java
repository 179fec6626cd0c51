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

  /** Every message to a channel actor. */
  public interface Command {}

  /** Offer {@code value}; completes with {@code onSent(clause)} or {@code onClosed(clause)}. */
  public record Send(Object value, Waiter waiter, int clause) implements Command {
    public Send {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(waiter, "waiter");
    }
  }

  /** Ask for a value; completes with {@code onReceived(clause, v)} or {@code onClosed(clause)}. */
  public record Recv(Waiter waiter, int clause) implements Command {
    public Recv {
      Objects.requireNonNull(waiter, "waiter");
    }
  }

  /** Send only if a receiver or buffer room is ready now; replies true or false. */
  public record TrySend(Object value, ReplyTo<Boolean> replyTo) implements Command {
    public TrySend {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** Take a value only if one is ready now; replies the value or {@link #EMPTY}. */
  public record TryRecv(ReplyTo<Object> replyTo) implements Command {
    public TryRecv {
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /**
   * Remove every parked entry of {@code waiter} once it is claimed (a select resolved elsewhere, or
   * canceled); ignored while the waiter is still open, so that it never loses an offer.
   */
  public record Withdraw(Waiter waiter) implements Command {}

  /** Close the channel; idempotent. */
  public enum Close implements Command {
    INSTANCE
  }
}
