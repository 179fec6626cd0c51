package org.omnilisp.tests.streams;

import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.omnilisp.api.SharedChannel;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK on {@link SharedChannel#sink()}, run as a Subscriber ({@code
 * Source.asSubscriber} into the sink) feeding a channel that a Lisp fiber drains: the sink must
 * signal demand, take completion and errors with or without a preceding request, and ignore what
 * the rules say to ignore. Blackbox: the Subscriber is Pekko's, so the TCK cannot instrument it.
 */
public class ChannelSinkTckTest extends SubscriberBlackboxVerification<Object> {
  private TckRuntime runtime;

  public ChannelSinkTckTest() {
    super(TckRuntime.environment());
  }

  @BeforeClass
  public void start() {
    runtime = new TckRuntime("channel-sink-tck");
  }

  @AfterClass
  public void stop() throws Exception {
    runtime.close();
  }

  @Override
  public Subscriber<Object> createSubscriber() {
    SharedChannel c = runtime.channel(0);
    runtime.spawn("drain", c);
    return Source.<Object>asSubscriber().toMat(c.sink(), Keep.left()).run(runtime.system);
  }

  @Override
  public Object createElement(int element) {
    return (long) element;
  }
}
