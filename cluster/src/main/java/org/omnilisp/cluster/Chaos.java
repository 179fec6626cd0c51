package org.omnilisp.cluster;

/**
 * A test hook (see {@link ClusterNode#chaos}): decides, for each protocol message this node's
 * proxies and exporters send, whether it goes now (0), later (milliseconds), or is dropped
 * (negative). Delayed messages may overtake others.
 */
interface Chaos {
  long delayMillis(Object message);
}
