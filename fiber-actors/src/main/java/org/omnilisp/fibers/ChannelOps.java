package org.omnilisp.fibers;

import org.omnilisp.channels.api.Waiter;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * Parking {@code send} and {@code recv}, once the fast path found that they must wait: the party's
 * offer goes into the channel's queue (no message), and the {@link Waiter} callback of whoever
 * completes it wakes the parked fiber or thread. A canceled party wins its waiter's claim and
 * withdraws, so the channel can never deliver to it afterwards: nothing is lost.
 */
final class ChannelOps {
  static final String SEND_CLOSED = "send: channel is closed";

  private ChannelOps() {}

  static ErrorObject closedError() {
    return new ErrorObject(SEND_CLOSED);
  }

  /** A send or a receive on one channel. */
  static final class Transfer implements ParkOp {
    private final LispChannel channel;
    private final Object value;
    private final boolean send;
    private Waiter waiter;

    private Transfer(LispChannel channel, Object value, boolean send) {
      this.channel = channel;
      this.value = value;
      this.send = send;
    }

    static Transfer send(LispChannel channel, Object value) {
      return new Transfer(channel, value, true);
    }

    static Transfer recv(LispChannel channel) {
      return new Transfer(channel, null, false);
    }

    @Override
    public void start(Waker w) {
      waiter =
          new Waiter() {
            @Override
            public void onSent(int clause) {
              w.wake(Nothing.NOTHING);
            }

            @Override
            public void onReceived(int clause, Object v) {
              w.wake(v);
            }

            @Override
            public void onFailed(int clause, Object error) {
              w.fail(error);
            }

            @Override
            public void onClosed(int clause) {
              if (send) {
                w.fail(closedError());
              } else {
                w.wake(Nothing.NOTHING);
              }
            }
          };
      if (send) {
        channel.handle.parkSend(value, waiter, 0);
      } else {
        channel.handle.parkRecv(waiter, 0);
      }
    }

    @Override
    public boolean cancel() {
      Waiter w = waiter;
      if (w == null || !w.cancel()) {
        return false;
      }
      channel.handle.withdraw(w);
      return true;
    }

    @Override
    public String describe() {
      return (send ? "send on " : "recv on ") + channel.printForm();
    }
  }

  /** {@code try-send} / {@code try-recv}: a request and its reply; never waits for a partner. */
  static final class Try implements ParkOp {
    private final LispChannel channel;
    private final Object value;

    Try(LispChannel channel, Object value) {
      this.channel = channel;
      this.value = value;
    }

    @Override
    public void start(Waker w) {
      if (value != null) {
        channel.handle.trySend(value, ok -> w.wake(ok));
      } else {
        channel.handle.tryRecv(
            v -> {
              if (v instanceof org.omnilisp.channels.api.ChannelProtocol.Failed f) {
                w.fail(f.error());
              } else {
                w.wake(v == org.omnilisp.channels.api.ChannelProtocol.EMPTY ? Nothing.NOTHING : v);
              }
            });
      }
    }

    @Override
    public String describe() {
      return (value != null ? "try-send on " : "try-recv on ") + channel.printForm();
    }
  }
}
