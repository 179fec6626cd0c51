package org.omnilisp.channels.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.omnilisp.channels.api.ChannelClosedException;
import org.omnilisp.channels.api.Waiter;

/** Waiters that complete a {@link CompletableFuture}: the Java convenience API. */
public final class FutureWaiters {
  private FutureWaiters() {}

  /** Completes with null when sent, exceptionally with {@link ChannelClosedException} if closed. */
  public static final class SendWaiter extends Waiter {
    public final CompletableFuture<Void> future = new CompletableFuture<>();

    @Override
    public void onSent(int clause) {
      future.complete(null);
    }

    @Override
    public void onReceived(int clause, Object value) {
      future.completeExceptionally(new IllegalStateException("a send waiter received a value"));
    }

    @Override
    public void onClosed(int clause) {
      future.completeExceptionally(new ChannelClosedException());
    }
  }

  /** Completes with the value, or empty when the channel is closed and drained. */
  public static final class RecvWaiter extends Waiter {
    public final CompletableFuture<Optional<Object>> future = new CompletableFuture<>();

    @Override
    public void onSent(int clause) {
      future.completeExceptionally(new IllegalStateException("a recv waiter sent a value"));
    }

    @Override
    public void onReceived(int clause, Object value) {
      future.complete(Optional.of(value));
    }

    @Override
    public void onClosed(int clause) {
      future.complete(Optional.empty());
    }
  }
}
