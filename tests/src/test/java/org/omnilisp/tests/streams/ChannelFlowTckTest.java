package org.omnilisp.tests.streams;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.stream.Attributes;
import org.omnilisp.api.SharedChannel;
import org.reactivestreams.Processor;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.IdentityProcessorVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK on {@link SharedChannel#flow}, run as a Processor: elements go into one
 * channel, a Lisp fiber copies them to another, and they come out of the flow. Both the Subscriber
 * side (demand towards the upstream) and the Publisher side are verified.
 */
public class ChannelFlowTckTest extends IdentityProcessorVerification<Object> {
  private TckRuntime runtime;
  private ExecutorService helperPublishers;

  public ChannelFlowTckTest() {
    super(TckRuntime.environment(), TckRuntime.GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void start() {
    runtime = new TckRuntime("channel-flow-tck");
    helperPublishers = Executors.newFixedThreadPool(2);
  }

  @AfterClass
  public void stop() throws Exception {
    helperPublishers.shutdownNow();
    runtime.close();
  }

  @Override
  public Processor<Object, Object> createIdentityProcessor(int bufferSize) {
    SharedChannel in = runtime.channel(0);
    SharedChannel out = runtime.channel(0);
    runtime.spawn("copy", in, out);
    return SharedChannel.flow(in, out)
        .withAttributes(Attributes.inputBuffer(1, 1))
        .toProcessor()
        .run(runtime.system);
  }

  /** As for the Source: a channel has no failed state (closing it completes the flow's output). */
  @Override
  public Publisher<Object> createFailedPublisher() {
    return null;
  }

  /**
   * One subscriber: the output is Pekko's {@code toProcessor}, whose publisher side serves one
   * subscriber and rejects the others with {@code onError}, as rule 1.11 allows (a channel's values
   * go to one receiver each, so a fan-out would be a different stage: a {@code BroadcastHub}).
   */
  @Override
  public long maxSupportedSubscribers() {
    return 1;
  }

  /** Runs the TCK's own upstream publisher. */
  @Override
  public ExecutorService publisherExecutorService() {
    return helperPublishers;
  }

  @Override
  public Object createElement(int element) {
    return (long) element;
  }
}
