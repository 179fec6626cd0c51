package org.omnilisp.channels.api;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where a non-parking operation ({@code TrySend}, {@code TryRecv}) delivers its answer. The channel
 * actor calls {@link #tell} once, on its own thread: implementations must be cheap and must never
 * block. Actors pass {@link #of(ActorRef)}; other callers pass a lambda (completing a future, say)
 * and need no temporary ask actor.
 *
 * @param <T> the answer's type
 */
@FunctionalInterface
public interface ReplyTo<T> {
  /**
   * Delivers the answer (called once, on the channel actor's thread).
   *
   * @param answer the operation's answer
   */
  void tell(T answer);

  /**
   * Replies by telling {@code ref}.
   *
   * @param <T> the answer's type
   * @param ref the actor that gets the answer
   * @return a reply target that tells {@code ref}
   */
  static <T> ReplyTo<T> of(ActorRef<T> ref) {
    return ref::tell;
  }
}
