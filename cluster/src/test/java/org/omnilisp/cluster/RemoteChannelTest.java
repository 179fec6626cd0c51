package org.omnilisp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;

/** Three nodes in one JVM over loopback Artery: naming, every channel operation, values, errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteChannelTest {
  static Nodes nodes;
  static OmniLisp a;
  static OmniLisp b;
  static OmniLisp c;

  @BeforeAll
  static void start() throws InterruptedException {
    nodes = new Nodes();
    a = nodes.first();
    b = nodes.joining(a);
    c = nodes.joining(a);
    nodes.awaitUp(3);
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  private static Object on(OmniLisp node, String code) {
    return node.evalHere(code, "test");
  }

  private static String write(OmniLisp node, String code) {
    return org.omnilisp.lang.Printer.write(node.evalHere(code, "test"));
  }

  @Test
  void membersAreSortedAddressesOfAllNodes() {
    String members = write(a, "(cluster-members)");
    java.util.List<String> all =
        new java.util.ArrayList<>(java.util.List.of(Nodes.self(a), Nodes.self(b), Nodes.self(c)));
    java.util.Collections.sort(all);
    assertEquals("(\"" + String.join("\" \"", all) + "\")", members);
    assertEquals(members, write(b, "(cluster-members)"));
    assertTrue(all.get(0).startsWith("127.0.0.1:"));
  }

  @Test
  void sendAndRecvBothWays() {
    on(a, "(define in1 (chan)) (chan-publish \"in1\" in1)");
    on(b, "(define in1 (chan-lookup \"in1\" 10000))");
    assertEquals(true, on(b, "(chan? in1)"));
    on(b, "(spawn (lambda () (send in1 1) (send in1 2) (send in1 3)))");
    assertEquals("(1 2 3)", write(a, "(list (recv in1) (recv in1) (recv in1))"));
    on(a, "(spawn (lambda () (recv in1) (send in1 'pong)))");
    on(b, "(send in1 'ping)");
    assertEquals("pong", write(b, "(recv in1)"));
  }

  @Test
  void valuesKeepTheirShape() {
    on(a, "(define echo (chan)) (chan-publish \"echo\" echo)");
    on(
        a,
        "(spawn (lambda () (let loop () (let ((v (recv echo))) (unless (eq? v nothing) (send echo (list 'back v)) (loop))))))");
    on(b, "(define echo (chan-lookup \"echo\" 10000))");
    String[] values = {
      "12345678901234567890123456789",
      "-7",
      "2.5",
      "\"h\u00e9llo\"",
      "#\\x",
      "true",
      "false",
      "'sym",
      "'(1 (2 . 3) \"s\")",
      "[1 [2] #\\a]",
      "#{a 1 b \"two\"}",
      "'()"
    };
    for (String v : values) {
      String local = write(b, v);
      on(b, "(send echo " + v + ")");
      assertEquals("(back " + local + ")", write(b, "(recv echo)"), v);
    }
    on(b, "(send echo (try (error \"bad thing\" 1 'two) (catch e e)))");
    assertEquals(
        "(\"bad thing\" (1 two))",
        write(b, "(let ((r (cadr (recv echo)))) (list (error-message r) (error-irritants r)))"));
  }

  @Test
  void channelsTravelAsRemoteChannels() {
    on(a, "(define box (chan)) (chan-publish \"box\" box)");
    on(b, "(define box (chan-lookup \"box\" 10000)) (define reply (chan 1))");
    on(b, "(spawn (lambda () (send box reply)))");
    on(a, "(define r (recv box)) (send r 'answer)");
    assertEquals("answer", write(b, "(recv reply)"));
    assertEquals(true, on(a, "(chan? r)"));
  }

  @Test
  void closeTryAndClosed() {
    on(a, "(define buf (chan 2)) (chan-publish \"buf\" buf)");
    on(b, "(define buf (chan-lookup \"buf\" 10000))");
    assertEquals(true, on(b, "(try-send buf 1)"));
    assertEquals(true, on(b, "(try-send buf 2)"));
    assertEquals(false, on(b, "(try-send buf 3)"));
    assertEquals(1L, on(b, "(try-recv buf)"));
    assertEquals(2L, on(b, "(recv buf)"));
    assertEquals(true, on(b, "(eq? nothing (try-recv buf))"));
    on(b, "(close buf)");
    assertEquals(true, on(b, "(closed? buf)"));
    assertEquals(true, on(b, "(eq? nothing (recv buf))"));
    LispError e = assertThrows(LispError.class, () -> on(b, "(send buf 9)"));
    assertTrue(e.getMessage().contains("send: channel is closed"), e.getMessage());
    assertEquals(true, on(a, "(eq? nothing (recv buf))"));
  }

  @Test
  void aProcedureCannotCross() {
    on(a, "(define sink (chan)) (chan-publish \"sink\" sink)");
    on(b, "(define sink (chan-lookup \"sink\" 10000))");
    LispError e = assertThrows(LispError.class, () -> on(b, "(send sink (lambda (x) x))"));
    assertTrue(
        e.getMessage().contains("send: cannot send a procedure to another node"), e.getMessage());
    e = assertThrows(LispError.class, () -> on(b, "(send sink (list 1 car))"));
    assertTrue(e.getMessage().contains("cannot send a procedure"), e.getMessage());
  }

  @Test
  void lookupTimesOutWithItsMessage() {
    LispError e = assertThrows(LispError.class, () -> on(b, "(chan-lookup \"nobody\" 200)"));
    assertTrue(
        e.getMessage().contains("chan-lookup: no channel named \"nobody\" within 200 ms"),
        e.getMessage());
  }

  @Test
  void lookupParksUntilPublished() {
    on(b, "(define later (spawn (lambda () (chan-lookup \"late\" 20000))))");
    on(a, "(define late (chan)) (chan-publish \"late\" late)");
    assertEquals(true, on(b, "(chan? (join later))"));
  }

  @Test
  void fanInFromThreeNodesKeepsEverySendersOrder() {
    on(a, "(define fan (chan 16)) (chan-publish \"fan\" fan)");
    on(b, "(define fan (chan-lookup \"fan\" 10000))");
    on(c, "(define fan (chan-lookup \"fan\" 10000))");
    int n = 2000;
    on(
        b,
        "(spawn (lambda () (let loop ((i 0)) (when (< i "
            + n
            + ") (send fan (list 'b i)) (loop (+ i 1))))))");
    on(
        c,
        "(spawn (lambda () (let loop ((i 0)) (when (< i "
            + n
            + ") (send fan (list 'c i)) (loop (+ i 1))))))");
    on(
        a,
        "(spawn (lambda () (let loop ((i 0)) (when (< i "
            + n
            + ") (send fan (list 'a i)) (loop (+ i 1))))))");
    Object ok =
        on(
            a,
            "(let loop ((k 0) (seen (dict 'a -1 'b -1 'c -1)))"
                + " (if (= k "
                + (3 * n)
                + ") (list (dict-ref seen 'a) (dict-ref seen 'b) (dict-ref seen 'c))"
                + "  (let* ((v (recv fan)) (who (car v)) (i (cadr v)))"
                + "   (if (= i (+ 1 (dict-ref seen who))) (begin (dict-set! seen who i) (loop (+ k 1) seen))"
                + "       (list 'out-of-order v)))))");
    assertEquals("(1999 1999 1999)", org.omnilisp.lang.Printer.write(ok));
  }

  @Test
  void selectOverALocalAndARemoteChannelFiresOneClauseAndLosesNothing() {
    on(a, "(define sel (chan)) (chan-publish \"sel\" sel)");
    on(b, "(define sel (chan-lookup \"sel\" 10000)) (define here (chan))");
    // Only the remote channel gets a value.
    on(a, "(spawn (lambda () (send sel 'remote)))");
    assertEquals(
        "(r remote)", write(b, "(select ((recv sel) v (list 'r v)) ((recv here) v (list 'h v)))"));
    // Only the local one: the remote offer is withdrawn, and a value sent to the remote channel
    // afterwards is still there for the next recv.
    on(b, "(spawn (lambda () (send here 'local)))");
    assertEquals(
        "(h local)", write(b, "(select ((recv sel) v (list 'r v)) ((recv here) v (list 'h v)))"));
    on(a, "(define late (spawn (lambda () (send sel 'later))))");
    assertEquals("later", write(b, "(recv sel)"));
    on(a, "(join late)");
    // A timeout clause fires when neither is ready, and no value vanishes behind it.
    assertEquals("t", write(b, "(select ((recv sel) v v) ((timeout 100) 't))"));
    on(a, "(spawn (lambda () (send sel 'after-timeout)))");
    assertEquals("after-timeout", write(b, "(recv sel)"));
  }

  @Test
  void aNamePublishedTwiceFindsOneOfTheChannels() {
    on(a, "(define d1 (chan 1)) (chan-publish \"dup\" d1)");
    on(c, "(define d2 (chan 1)) (chan-publish \"dup\" d2) (chan-publish \"dup\" d2)");
    on(a, "(chan-publish \"dup\" d1)"); // again: no error
    on(b, "(define dup (chan-lookup \"dup\" 10000)) (send dup 'hi)");
    // The value is in exactly one of the two channels.
    assertEquals(
        1L,
        0L
            + (Long) on(a, "(if (eq? nothing (try-recv d1)) 0 1)")
            + (Long) on(c, "(if (eq? nothing (try-recv d2)) 0 1)"));
  }

  private static String lispWrite(Object v) {
    return org.omnilisp.lang.Printer.write(v);
  }
}
