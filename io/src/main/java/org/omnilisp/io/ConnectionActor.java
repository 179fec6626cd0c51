package org.omnilisp.io;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.io.Tcp;
import org.apache.pekko.io.TcpMessage;
import org.apache.pekko.util.ByteString;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Nothing;
import org.omnilisp.ports.Eof;

/**
 * One TCP connection on Pekko IO, in pull mode: it asks the connection for data ({@code
 * ResumeReading}) only when a reader waits, so a slow reader holds the peer back (TCP flow control)
 * instead of buffering without bound. Writes are ACK-based and go out one at a time in order. Bytes
 * that arrive for a reader that gave up (a cancel, a lost select) stay stashed here for the next
 * read. Reading after the peer closed gives eof; writing after a reset fails with {@code connection
 * reset}.
 */
final class ConnectionActor extends AbstractActor {
  /** A reader wants bytes (a {@code byte[]}) or eof. */
  record Read(Claim claim) {}

  /** Send these bytes; complete when the kernel took them. */
  record Write(ByteString data, Claim claim) {}

  /** The port's output side closed: send FIN once pending writes are out (half-close). */
  record CloseWrite() {}

  /** Both sides of the port closed: close the connection. */
  record CloseAll() {}

  /** Outbound: connect, then complete the claim with nothing (the port exists already). */
  record Connect(InetSocketAddress remote, String shown, Claim claim) {}

  /** The ACK a write carries. */
  private record Ack(Claim claim) implements Tcp.Event {}

  private ActorRef connection;
  private ByteString stash = ByteString.emptyByteString();
  private Claim reader;
  private boolean reading;
  private boolean peerClosed;
  private String failure; // why the connection broke, or null
  private final ArrayDeque<Write> writes = new ArrayDeque<>();
  private boolean writeClosed;
  private boolean closing;
  private Connect connecting;

  static Props props(ActorRef connection) {
    return Props.create(ConnectionActor.class, () -> new ConnectionActor(connection));
  }

  private ConnectionActor(ActorRef connection) {
    this.connection = connection;
  }

  @Override
  public void preStart() {
    if (connection != null) {
      connection.tell(TcpMessage.register(self(), true, false), self());
    }
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Read.class, this::onRead)
        .match(Write.class, this::onWrite)
        .match(Ack.class, this::onAck)
        .match(Tcp.Received.class, this::onReceived)
        .match(CloseWrite.class, m -> onCloseWrite())
        .match(CloseAll.class, m -> onCloseAll())
        .match(Connect.class, this::onConnect)
        .match(Tcp.Connected.class, this::onConnected)
        .match(Tcp.CommandFailed.class, this::onCommandFailed)
        .match(Tcp.ConnectionClosed.class, this::onClosed)
        .build();
  }

  private void onConnect(Connect c) {
    connecting = c;
    ActorRef manager = Tcp.get(getContext().getSystem()).manager();
    manager.tell(
        TcpMessage.connect(c.remote(), null, List.of(), Duration.ofSeconds(10), true), self());
  }

  private void onConnected(Tcp.Connected c) {
    connection = sender();
    connection.tell(TcpMessage.register(self(), true, false), self());
    Connect pending = connecting;
    connecting = null;
    if (pending != null && !pending.claim().complete(Nothing.NOTHING)) {
      closing = true; // the connecting fiber was canceled: nobody will use this connection
      connection.tell(TcpMessage.close(), self());
    }
  }

  private void onRead(Read r) {
    reader = r.claim();
    serveReader();
  }

  private void serveReader() {
    if (reader == null || !reader.isPending()) {
      reader = null;
      return;
    }
    if (!stash.isEmpty()) {
      byte[] bytes = stash.toArray();
      if (reader.complete(bytes)) {
        stash = ByteString.emptyByteString();
      }
      reader = null;
    } else if (peerClosed || failure != null || connection == null) {
      reader.complete(Eof.EOF);
      reader = null;
    } else if (!reading) {
      reading = true;
      connection.tell(TcpMessage.resumeReading(), self());
    }
  }

  private void onReceived(Tcp.Received r) {
    reading = false;
    if (closing) {
      reading = true;
      connection.tell(TcpMessage.resumeReading(), self()); // draining until the peer closes
      return;
    }
    stash = stash.concat(r.data());
    serveReader();
  }

  private void onWrite(Write w) {
    if (failure != null || connection == null || writeClosed) {
      w.claim().fail(new ErrorObject(w.claim().op + ": connection reset"));
      return;
    }
    writes.add(w);
    if (writes.size() == 1) {
      connection.tell(TcpMessage.write(w.data(), new Ack(w.claim())), self());
    }
  }

  private void onAck(Ack a) {
    Write done = writes.poll();
    if (done != null) {
      done.claim().complete(Nothing.NOTHING);
    }
    Write next = writes.peek();
    if (next != null) {
      connection.tell(TcpMessage.write(next.data(), new Ack(next.claim())), self());
    } else if (writeClosed && !closing) {
      connection.tell(TcpMessage.confirmedClose(), self());
    }
  }

  private void onCloseWrite() {
    if (writeClosed || connection == null) {
      return;
    }
    writeClosed = true;
    if (writes.isEmpty() && failure == null) {
      connection.tell(TcpMessage.confirmedClose(), self());
    }
  }

  private void onCloseAll() {
    if (connection == null || failure != null) {
      getContext().stop(self());
      return;
    }
    closing = true;
    if (!writeClosed) {
      connection.tell(TcpMessage.close(), self());
    } else if (!reading) {
      reading = true;
      connection.tell(TcpMessage.resumeReading(), self());
    }
  }

  private void onCommandFailed(Tcp.CommandFailed f) {
    if (f.cmd() instanceof Tcp.Connect && connecting != null) {
      String why = f.causedByString().toLowerCase();
      String what =
          why.contains("timed out") || why.contains("timeout") ? "timed out" : "connection refused";
      connecting.claim().fail(new ErrorObject("tcp-connect: " + what + ": " + connecting.shown()));
      connecting = null;
      getContext().stop(self());
    } else if (f.cmd() instanceof Tcp.Write) {
      breakWith("connection reset");
    }
  }

  private void onClosed(Tcp.ConnectionClosed c) {
    if (c.isPeerClosed()) {
      peerClosed = true;
      serveReader();
      if (closing) {
        getContext().stop(self());
      }
      return;
    }
    if (c.isErrorClosed()) {
      breakWith("connection reset");
    } else {
      breakWith("connection closed");
    }
    if (closing) {
      getContext().stop(self());
    }
  }

  /** The connection is gone: readers get eof, pending and later writes fail. */
  private void breakWith(String why) {
    failure = why;
    serveReader();
    for (Write w : writes) {
      w.claim().fail(new ErrorObject(w.claim().op + ": " + "connection reset"));
    }
    writes.clear();
  }
}
