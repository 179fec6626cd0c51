package org.omnilisp.tests.streams;

import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.javadsl.Sink;
import org.omnilisp.api.SharedChannel;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK on {@link SharedChannel#source()}: a Lisp fiber sends {@code 0 .. n-1}
 * on a channel then closes it; the channel's source, run as a Publisher, must honour demand (a
 * value is taken from the channel only when one is requested), emit exactly the values sent, then
 * complete, and stop on cancel.
 */
public class ChannelSourceTckTest extends PublisherVerification<Object> {
  private TckRuntime runtime;

  public ChannelSourceTckTest() {
    super(TckRuntime.environment(), TckRuntime.GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void start() {
    runtime = new TckRuntime("channel-source-tck");
  }

  @AfterClass
  public void stop() throws Exception {
    runtime.close();
  }

  @Override
  public Publisher<Object> createPublisher(long elements) {
    SharedChannel c = runtime.channel(1);
    runtime.spawn("produce", c, elements);
    return c.source().runWith(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), runtime.system);
  }

  /**
   * A channel has no failed state: closing it completes its source (after the buffered values), so
   * there is no failed channel Source to verify (rule 1.4 is then the stream's own, a Pekko stage).
   */
  @Override
  public Publisher<Object> createFailedPublisher() {
    return null;
  }
}
