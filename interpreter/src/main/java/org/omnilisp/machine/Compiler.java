package org.omnilisp.machine;

import static org.objectweb.asm.Opcodes.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Compiles the body of a hot direct-style {@link Lambda} into a hidden class ({@link Compiled}), so
 * that the JIT sees one method per procedure instead of a deep, megamorphic recursion of {@link
 * Node#run} over the tree.
 *
 * <p>The generated code does what the tree's {@code run}/{@code runTail} do, node for node, and
 * nothing else: {@code if}, sequences, calls (operator and operands evaluated in the order and with
 * the try blocks of {@link Call}), two-operand primitive calls whose operands are calls ({@link
 * PrimCall}) and {@code define}/{@code set!} ({@link Assign}) become bytecode; simple nodes are
 * evaluated by a call of their own {@code eval} on the node itself (a constant of the class, so the
 * call is monomorphic and the JIT inlines it); a lambda with a node of any other kind stays a tree,
 * and the uncommon case of an {@link IfFixnum} runs its general {@link If} as the tree ({@link
 * Direct#runTree}). Where a node of the tree catches a {@link Suspend} or a raise, the compiled
 * code catches it at the same place and throws what the node's own method returns ({@link
 * Call#suspended}, {@link If#testSuspended}, {@link Sequence#suspended}, {@link
 * PrimCall#leftSuspended}, {@link Assign#valueSuspended}): the heap frames a suspension rebuilds
 * are made by one piece of code. A call of the lambda itself is a static call of its own generated
 * {@code invoke} (the JIT can inline the recursion), a tail call of itself a jump to the start. The
 * nodes, the lambda and the constants are the hidden class's class data ({@link
 * MethodHandles#classData}), held in static final fields of the generated class: constants to the
 * JIT, and no mutable static state.
 */
final class Compiler {
  /*
   * The threshold (Context.COMPILE_THRESHOLD, 1,000 direct calls of a lambda by default):
   * compiling costs about a millisecond a lambda while ASM itself still runs in the JVM's
   * interpreter (measured: 301 small lambdas compiled in 320-370 ms of CPU, ASM's loading
   * included; the first one, with the loading, ~30 ms), which is the time of some thousands of
   * calls of a small body in the tree. A lambda called fewer times would not pay it back, and a
   * script that never gets hot never loads ASM at all. Deep recursions and loops reach 1,000 calls
   * within a millisecond. Tests set 0 through the host (Interpreter.setCompileThreshold).
   */

  /** Bodies with more nodes than this stay trees (a JVM method has at most 64 KiB of code). */
  static final int MAX_NODES = 1000;

  private static final String PKG = "org/omnilisp/machine/";
  private static final String SELF = PKG + "CompiledLambda";
  private static final String OBJECT = "java/lang/Object";
  private static final String MACHINE = "L" + PKG + "Machine;";
  private static final String ENV = "[Ljava/lang/Object;";
  private static final String RUN = "(" + MACHINE + ENV + ")Ljava/lang/Object;";
  private static final String RE = "java/lang/RuntimeException";
  private static final String SUSPEND = PKG + "Suspend";
  private static final String LISP_THROW = "org/omnilisp/lang/LispThrow";
  private static final String CLOSURE = PKG + "Closure";
  private static final String LAMBDA = PKG + "Lambda";
  private static final String PAIR = "org/omnilisp/lang/Pair";
  private static final String LISP_ARRAY = "org/omnilisp/lang/LispArray";
  private static final Handle CLASS_DATA =
      new Handle(
          H_INVOKESTATIC,
          "java/lang/invoke/MethodHandles",
          "classData",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)"
              + "Ljava/lang/Object;",
          false);

  private static final int M = 0;
  private static final int ENV_SLOT = 1;

  /** In a body taking its arguments as parameters ({@link #inLocals}): the parent frame's slot. */
  private static final int PARENT_SLOT = 1;

  /** The most parameters a lambda may have to take its arguments as JVM parameters. */
  static final int MAX_ARGS = 8;

  private final Lambda lambda;
  private final List<Object> data = new ArrayList<>();
  private final List<String> types = new ArrayList<>();
  private final Map<Object, Integer> constants = new IdentityHashMap<>();
  private MethodVisitor mv;
  private Label start;
  private int locals;

  /**
   * Whether the body takes its arguments as JVM parameters ({@link BodyShape#argsMode}): {@code
   * bodyA(m, parent, a1 ... an)}; its frame is made only where a node needs it (a slow path, a
   * suspension), once per run of the body ({@link #loadEnv}).
   */
  private final boolean inLocals;

  /** In {@link #inLocals} mode: the JVM local caching the frame once made (null until then). */
  private int envCache;

  /**
   * For a lambda that makes closures (not {@link Lambda#frameReusable}): the JVM local (an int)
   * that tells whether a node that may keep the frame ran in it since the frame was made (a {@code
   * lambda}, the tree); while none did, a tail call of itself refills the frame in place as for a
   * frame-reusable lambda. -1 when not used.
   */
  private int capturedSlot = -1;

  /**
   * While the body is emitted in {@link #inLocals} mode: for each parameter (from 1), the JVM local
   * of its value as a {@code long} when it is kept unboxed ({@link BodyShape#unboxedParams}), else
   * 0. The parameter's own local is then null while the value is that fixnum, or holds the value.
   */
  private int[] longSlot;

  private Compiler(Lambda lambda) {
    this.lambda = lambda;
    this.inLocals = BodyShape.argsMode(lambda);
  }

  /**
   * The compiled body of {@code l} (kept in {@code l.code}), or null if it stays a tree (too big);
   * then it is not tried again.
   */
  static Compiled compile(Lambda l) {
    if (l.body == null || size(l.body, 0) > MAX_NODES) {
      l.calls = Integer.MIN_VALUE;
      return null;
    }
    Compiled c;
    try {
      c = new Compiler(l).generate();
    } catch (MethodTooLargeException e) {
      l.calls = Integer.MIN_VALUE;
      return null;
    }
    l.code = c;
    return c;
  }

  /**
   * The number of nodes the compiler visits in {@code n}, counted up to a little past the limit;
   * past it also if a node is of a kind the compiler does not turn into bytecode.
   */
  private static int size(Node n, int count) {
    if (count > MAX_NODES) {
      return count;
    }
    List<Node> children = children(n);
    if (children == null) {
      return MAX_NODES + 1;
    }
    count++;
    for (Node child : children) {
      count = size(child, count);
    }
    return count;
  }

  /**
   * The nodes inside {@code n} that become bytecode with it, or null if {@code n} is of a kind that
   * does not: such a lambda stays a tree. (Measured: {@code deriv}, whose {@code map} calls ({@link
   * MapCall}) would have run as the tree inside the compiled body, warmed up more slowly than the
   * all-tree version, and was no faster once warm.)
   */
  private static List<Node> children(Node n) {
    if (n instanceof SimpleNode || n instanceof PrimCall p && p.isSimpleCall()) {
      return List.of();
    }
    if (n instanceof FastCall) {
      return List.of(); // its run: the fast path on its pure operand, else the call
    }
    if (n instanceof IfFixnum f) {
      return List.of(f.then(), f.otherwise());
    }
    if (n instanceof If i) {
      return List.of(i.test(), i.then(), i.otherwise());
    }
    if (n instanceof Sequence s) {
      return List.of(s.body());
    }
    if (n instanceof Call c) {
      List<Node> all = new ArrayList<>(List.of(c.args()));
      all.add(c.fn());
      return all;
    }
    if (n instanceof PrimCall p && p.args().length == 2) {
      return List.of(p.args());
    }
    if (n instanceof Assign a) {
      return List.of(a.value());
    }
    return null;
  }

  private Compiled generate() {
    ClassWriter cw = new Writer();
    cw.visit(V17, ACC_FINAL | ACC_SUPER, SELF, null, PKG + "Compiled", null);

    mv = cw.visitMethod(0, "<init>", "(L" + LAMBDA + ";)V", null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, 0);
    mv.visitVarInsn(ALOAD, 1);
    mv.visitMethodInsn(INVOKESPECIAL, PKG + "Compiled", "<init>", "(L" + LAMBDA + ";)V", false);
    mv.visitInsn(RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();

    if (inLocals) {
      unpacking(cw, "runTail", "bodyA");
      unpacking(cw, "invoke", "invokeA");
      invokeA(cw);
      frameMethod(cw);
      mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, "bodyA", argsDescriptor(), null, null);
      mv.visitCode();
      envCache = 2 + lambda.required;
      locals = envCache + 1;
      boolean[] unboxed = BodyShape.unboxedParams(lambda);
      longSlot = new int[lambda.required + 1];
      for (int k = 1; k <= lambda.required; k++) {
        if (unboxed[k]) {
          longSlot[k] = locals;
          locals += 2;
          mv.visitInsn(LCONST_0);
          mv.visitVarInsn(LSTORE, longSlot[k]);
        }
      }
      start = new Label();
      mv.visitLabel(start);
      mv.visitInsn(ACONST_NULL);
      mv.visitVarInsn(ASTORE, envCache);
    } else {
      delegate(cw, "runTail", "body");
      delegate(cw, "invoke", "invoke0");
      invoke0(cw);
      mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, "body", RUN, null, null);
      mv.visitCode();
      locals = 2;
      if (!lambda.frameReusable && !lambda.rest) {
        capturedSlot = locals++;
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, capturedSlot);
      }
      start = new Label();
      mv.visitLabel(start);
    }
    expr(lambda.body, true);
    mv.visitInsn(ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    constantFields(cw);
    cw.visitEnd();

    try {
      MethodHandles.Lookup hidden =
          MethodHandles.lookup()
              .defineHiddenClassWithClassData(
                  cw.toByteArray(), Collections.unmodifiableList(data), true);
      return (Compiled)
          hidden
              .findConstructor(
                  hidden.lookupClass(), MethodType.methodType(void.class, Lambda.class))
              .invoke(lambda);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("compiling " + lambda.name, e);
    }
  }

  /** An instance method that calls the static method {@code target} on its two arguments. */
  private void delegate(ClassWriter cw, String name, String target) {
    MethodVisitor v = cw.visitMethod(0, name, RUN, null, null);
    v.visitCode();
    v.visitVarInsn(ALOAD, 1);
    v.visitVarInsn(ALOAD, 2);
    v.visitMethodInsn(INVOKESTATIC, SELF, target, RUN, false);
    v.visitInsn(ARETURN);
    v.visitMaxs(0, 0);
    v.visitEnd();
  }

  /** {@code (Machine m, Object[] parent, Object a1, ..., Object an)Object}. */
  private String argsDescriptor() {
    return "("
        + MACHINE
        + ENV
        + "Ljava/lang/Object;".repeat(lambda.required)
        + ")Ljava/lang/Object;";
  }

  /** The JVM local of parameter {@code index} (1 for the first) in {@link #inLocals} mode. */
  private static int argSlot(int index) {
    return PARENT_SLOT + index;
  }

  /** Loads the parent frame and the arguments, the parameters of {@code bodyA}/{@code invokeA}. */
  private void loadArgs(MethodVisitor v) {
    v.visitVarInsn(ALOAD, PARENT_SLOT);
    for (int i = 1; i <= lambda.required; i++) {
      boxParam(i);
      v.visitVarInsn(ALOAD, argSlot(i));
    }
  }

  /** Whether operand {@code o} is a parameter kept unboxed ({@link #longSlot}). */
  private boolean unboxed(Operand o) {
    return longSlot != null
        && o.constant() == null
        && o.depth() == 0
        && o.node() instanceof LocalRef
        && o.index() < longSlot.length
        && longSlot[o.index()] != 0;
  }

  /** Boxes parameter {@code k} into its own local if it is kept unboxed and not boxed yet. */
  private void boxParam(int k) {
    if (longSlot == null || longSlot[k] == 0) {
      return;
    }
    Label boxed = new Label();
    mv.visitVarInsn(ALOAD, argSlot(k));
    mv.visitJumpInsn(IFNONNULL, boxed);
    mv.visitVarInsn(LLOAD, longSlot[k]);
    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
    mv.visitVarInsn(ASTORE, argSlot(k));
    mv.visitLabel(boxed);
  }

  /** A jump to {@code slow} unless the operand (its value in {@code local}) is a fixnum. */
  private void fixnumCheck(Operand o, int local, Label slow) {
    if (unboxed(o)) {
      Label ok = new Label();
      mv.visitVarInsn(ALOAD, argSlot(o.index()));
      mv.visitJumpInsn(IFNULL, ok);
      mv.visitVarInsn(ALOAD, argSlot(o.index()));
      mv.visitTypeInsn(INSTANCEOF, "java/lang/Long");
      mv.visitJumpInsn(IFEQ, slow);
      mv.visitLabel(ok);
      return;
    }
    mv.visitVarInsn(ALOAD, local);
    mv.visitTypeInsn(INSTANCEOF, "java/lang/Long");
    mv.visitJumpInsn(IFEQ, slow);
  }

  /** The fixnum operand (checked by {@link #fixnumCheck}) as a {@code long} on the stack. */
  private void loadLong(Operand o, int local) {
    if (!unboxed(o)) {
      unbox(local);
      return;
    }
    Label boxed = new Label();
    Label got = new Label();
    int k = o.index();
    mv.visitVarInsn(ALOAD, argSlot(k));
    mv.visitJumpInsn(IFNONNULL, boxed);
    mv.visitVarInsn(LLOAD, longSlot[k]);
    mv.visitJumpInsn(GOTO, got);
    mv.visitLabel(boxed);
    unbox(argSlot(k));
    mv.visitLabel(got);
  }

  /**
   * The frame on the stack: in {@link #inLocals} mode made from the parameters the first time a
   * node needs it in this run of the body (and kept in {@link #envCache}; nothing writes to it, see
   * {@link BodyShape#argsMode}).
   */
  private void loadEnv() {
    if (!inLocals) {
      mv.visitVarInsn(ALOAD, ENV_SLOT);
      return;
    }
    Label made = new Label();
    mv.visitVarInsn(ALOAD, envCache);
    mv.visitInsn(DUP);
    mv.visitJumpInsn(IFNONNULL, made);
    mv.visitInsn(POP);
    loadArgs(mv);
    mv.visitMethodInsn(INVOKESTATIC, SELF, "frame", frameDescriptor(), false);
    mv.visitInsn(DUP);
    mv.visitVarInsn(ASTORE, envCache);
    mv.visitLabel(made);
  }

  private String frameDescriptor() {
    return "(" + ENV + "Ljava/lang/Object;".repeat(lambda.required) + ")" + ENV;
  }

  /** {@code static Object[] frame(parent, a1 ... an)}: the frame the tree would have made. */
  private void frameMethod(ClassWriter cw) {
    MethodVisitor v =
        cw.visitMethod(ACC_STATIC | ACC_PRIVATE, "frame", frameDescriptor(), null, null);
    v.visitCode();
    push(v, lambda.required + 1);
    v.visitTypeInsn(ANEWARRAY, OBJECT);
    for (int i = 0; i <= lambda.required; i++) {
      v.visitInsn(DUP);
      push(v, i);
      v.visitVarInsn(ALOAD, i);
      v.visitInsn(AASTORE);
    }
    v.visitInsn(ARETURN);
    v.visitMaxs(0, 0);
    v.visitEnd();
  }

  /**
   * An instance method {@code name(m, frame)} that calls the static {@code target(m, parent, a1 ...
   * an)} on the frame's parent and arguments.
   */
  private void unpacking(ClassWriter cw, String name, String target) {
    MethodVisitor v = cw.visitMethod(0, name, RUN, null, null);
    v.visitCode();
    v.visitVarInsn(ALOAD, 1);
    for (int i = 0; i <= lambda.required; i++) {
      v.visitVarInsn(ALOAD, 2);
      push(v, i);
      v.visitInsn(AALOAD);
      if (i == 0) {
        v.visitTypeInsn(CHECKCAST, ENV);
      }
    }
    v.visitMethodInsn(INVOKESTATIC, SELF, target, argsDescriptor(), false);
    v.visitInsn(ARETURN);
    v.visitMaxs(0, 0);
    v.visitEnd();
  }

  /**
   * {@code static Object invokeA(Machine m, Object[] parent, Object a1, ..., Object an)}: {@link
   * #invoke0} for a body taking its arguments as parameters; the frame is made only if the entry
   * checks must suspend.
   */
  private void invokeA(ClassWriter cw) {
    mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, "invokeA", argsDescriptor(), null, null);
    mv.visitCode();
    int cost = stackCost(lambda);
    int result = argSlot(lambda.required) + 1;
    Label entered = new Label();
    mv.visitVarInsn(ALOAD, M);
    constant(lambda, LAMBDA);
    push(cost);
    direct("tryBegin", "(" + MACHINE + "L" + LAMBDA + ";I)Z");
    mv.visitJumpInsn(IFNE, entered);
    throwSuspendNode();
    mv.visitLabel(entered);
    Label tryStart = new Label();
    Label tryEnd = new Label();
    Label handler = new Label();
    Label done = new Label();
    mv.visitLabel(tryStart);
    mv.visitVarInsn(ALOAD, M);
    loadArgs(mv);
    mv.visitMethodInsn(INVOKESTATIC, SELF, "bodyA", argsDescriptor(), false);
    mv.visitInsn(DUP);
    mv.visitFieldInsn(GETSTATIC, PKG + "Direct", "TAIL", "Ljava/lang/Object;");
    mv.visitJumpInsn(IF_ACMPNE, done);
    mv.visitInsn(POP);
    mv.visitVarInsn(ALOAD, M);
    direct("loop", "(" + MACHINE + ")Ljava/lang/Object;");
    mv.visitLabel(done);
    mv.visitLabel(tryEnd);
    mv.visitVarInsn(ASTORE, result);
    mv.visitVarInsn(ALOAD, M);
    mv.visitInsn(DUP);
    mv.visitFieldInsn(GETFIELD, PKG + "Machine", "depth", "I");
    push(cost);
    mv.visitInsn(ISUB);
    mv.visitFieldInsn(PUTFIELD, PKG + "Machine", "depth", "I");
    mv.visitVarInsn(ALOAD, result);
    mv.visitInsn(ARETURN);
    mv.visitLabel(handler);
    mv.visitVarInsn(ASTORE, result);
    mv.visitVarInsn(ALOAD, M);
    push(cost);
    mv.visitVarInsn(ALOAD, result);
    constant(lambda, LAMBDA);
    direct(
        "leave",
        "(" + MACHINE + "ILjava/lang/Throwable;L" + LAMBDA + ";)Ljava/lang/RuntimeException;");
    mv.visitInsn(ATHROW);
    mv.visitTryCatchBlock(tryStart, tryEnd, handler, null);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /**
   * Throws {@code Suspend.node(body, frame)}, the frame made from the parameters (the entry checks
   * of a direct call, or of a self tail call, said to go on as the machine).
   */
  private void throwSuspendNode() {
    constant(lambda.body, PKG + "Node");
    loadArgs(mv);
    mv.visitMethodInsn(INVOKESTATIC, SELF, "frame", frameDescriptor(), false);
    mv.visitMethodInsn(
        INVOKESTATIC, SUSPEND, "node", "(L" + PKG + "Node;" + ENV + ")L" + SUSPEND + ";", false);
    mv.visitInsn(ATHROW);
  }

  /**
   * {@code static Object invoke0(Machine m, Object[] frame)}: {@link Direct#invoke} for this
   * lambda, its body a static call.
   */
  private void invoke0(ClassWriter cw) {
    mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, "invoke0", RUN, null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, M);
    constant(lambda, LAMBDA);
    mv.visitVarInsn(ALOAD, 1);
    push(stackCost(lambda));
    direct("begin", "(" + MACHINE + "L" + LAMBDA + ";" + ENV + "I)I");
    mv.visitVarInsn(ISTORE, 2);
    Label tryStart = new Label();
    Label tryEnd = new Label();
    Label handler = new Label();
    Label done = new Label();
    mv.visitLabel(tryStart);
    mv.visitVarInsn(ALOAD, M);
    mv.visitVarInsn(ALOAD, 1);
    mv.visitMethodInsn(INVOKESTATIC, SELF, "body", RUN, false);
    mv.visitInsn(DUP);
    mv.visitFieldInsn(GETSTATIC, PKG + "Direct", "TAIL", "Ljava/lang/Object;");
    mv.visitJumpInsn(IF_ACMPNE, done);
    mv.visitInsn(POP);
    mv.visitVarInsn(ALOAD, M);
    direct("loop", "(" + MACHINE + ")Ljava/lang/Object;");
    mv.visitLabel(done);
    mv.visitLabel(tryEnd);
    mv.visitVarInsn(ASTORE, 3);
    mv.visitVarInsn(ALOAD, M);
    mv.visitInsn(DUP);
    mv.visitFieldInsn(GETFIELD, PKG + "Machine", "depth", "I");
    mv.visitVarInsn(ILOAD, 2);
    mv.visitInsn(ISUB);
    mv.visitFieldInsn(PUTFIELD, PKG + "Machine", "depth", "I");
    mv.visitVarInsn(ALOAD, 3);
    mv.visitInsn(ARETURN);
    mv.visitLabel(handler);
    mv.visitVarInsn(ASTORE, 3);
    mv.visitVarInsn(ALOAD, M);
    mv.visitVarInsn(ILOAD, 2);
    mv.visitVarInsn(ALOAD, 3);
    constant(lambda, LAMBDA);
    direct(
        "leave",
        "(" + MACHINE + "ILjava/lang/Throwable;L" + LAMBDA + ";)Ljava/lang/RuntimeException;");
    mv.visitInsn(ATHROW);
    mv.visitTryCatchBlock(tryStart, tryEnd, handler, null);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /**
   * The Java stack a direct call of the compiled {@code l} is counted to take (in {@link
   * Direct#UNIT}s): at least {@link Direct#COMPILED_CALL}, and half of what its tree takes (a big
   * body has a big JVM frame, and the JIT inlines into it).
   */
  static int stackCost(Lambda l) {
    return Math.max(Direct.COMPILED_CALL, l.depth * Direct.TREE_LEVEL / 2);
  }

  /**
   * Emits {@code n}'s value onto the stack; in tail position it may be {@link Direct#TAIL}. The JVM
   * locals a node takes are free again after it (so a long body needs few of them, and computing
   * the stack map frames stays cheap).
   */
  private void expr(Node n, boolean tail) {
    int saved = locals;
    emit(n, tail);
    locals = saved;
  }

  private void emit(Node n, boolean tail) {
    if (n instanceof Constant c && c.value != null) {
      constant(c.value, OBJECT);
    } else if (n instanceof LocalRef r) {
      localRef(r);
    } else if (n instanceof FixnumCall f && inPlace(f)) {
      fixnumCall(f);
    } else if (n instanceof PairAccess p) {
      pairAccess(p);
    } else if (n instanceof TypeTest t) {
      typeTest(t);
    } else if (n instanceof ConsCall c) {
      consCall(c);
    } else if (n instanceof VectorRef r) {
      vectorRef(r);
    } else if (n instanceof VectorSet s) {
      vectorSet(s);
    } else if (n instanceof PrimCall p && p.isSimpleCall() && oneOrTwo(p.args())) {
      simplePrimCall(p);
    } else if (n instanceof SimpleNode || n instanceof PrimCall p && p.isSimpleCall()) {
      nodeCall(n, "eval");
    } else if (n instanceof IfFixnum f) {
      ifFixnum(f, tail);
    } else if (n instanceof If i) {
      ifNode(i, tail);
    } else if (n instanceof Sequence s) {
      sequence(s, tail);
    } else if (n instanceof Call c) {
      call(c, tail);
    } else if (n instanceof PrimCall p && p.args().length == 2) {
      primCall2(p);
    } else if (n instanceof Assign a) {
      assign(a);
    } else {
      nodeCall(n, tail ? "runTail" : "run");
    }
  }

  /** {@code n.method(m, env)} on the node itself, typed by its own class. */
  private void nodeCall(Node n, String method) {
    if (!BodyShape.keepsNoFrame(n)) {
      frameMayBeKept();
    }
    String owner = owner(n);
    constant(n, owner);
    mv.visitVarInsn(ALOAD, M);
    if (inLocals && (n instanceof Constant || n instanceof GlobalRef)) {
      mv.visitInsn(ACONST_NULL); // they do not read the frame
    } else {
      loadEnv();
    }
    mv.visitMethodInsn(INVOKEVIRTUAL, owner, method, RUN, false);
  }

  /** Notes ({@link #capturedSlot}) that the frame may be kept by what runs next. */
  private void frameMayBeKept() {
    if (capturedSlot >= 0) {
      mv.visitInsn(ICONST_1);
      mv.visitVarInsn(ISTORE, capturedSlot);
    }
  }

  private void ifNode(If n, boolean tail) {
    Label otherwise = new Label();
    Label end = new Label();
    guarded(n.test(), n, "testSuspended", "(L" + RE + ";" + ENV + ")L" + SUSPEND + ";");
    mv.visitMethodInsn(
        INVOKESTATIC, "org/omnilisp/lang/Equality", "isTrue", "(Ljava/lang/Object;)Z", false);
    mv.visitJumpInsn(IFEQ, otherwise);
    expr(n.then(), tail);
    mv.visitJumpInsn(GOTO, end);
    mv.visitLabel(otherwise);
    expr(n.otherwise(), tail);
    mv.visitLabel(end);
  }

  /**
   * {@link IfFixnum}: when its operands are locals or constants, the test in place (the operands
   * read from the frames, the guards on the globals, the comparison of two {@code long}s); where
   * that is not the plain case, {@link IfFixnum#testHere} decides as in the tree (the operands are
   * pure, so reading them again changes nothing).
   */
  private void ifFixnum(IfFixnum n, boolean tail) {
    Label general = new Label();
    Label slow = new Label();
    Label then = new Label();
    Label otherwise = new Label();
    Label end = new Label();
    FixnumCall f = n.test();
    if (inPlace(f)) {
      if (n.notCell() != null) {
        constant(n.notCell(), PKG + "Global");
        mv.visitMethodInsn(INVOKEVIRTUAL, PKG + "Global", "raw", "()Ljava/lang/Object;", false);
        constant(n.not(), PKG + "Primitive");
        mv.visitJumpInsn(IF_ACMPNE, slow);
      }
      fixnums(f, slow);
      mv.visitInsn(LCMP);
      boolean negated = n.notCell() != null;
      jumpUnless(f.op(), negated ? then : otherwise);
      mv.visitJumpInsn(GOTO, negated ? otherwise : then);
    }
    mv.visitLabel(slow);
    String owner = owner(n);
    constant(n, owner);
    mv.visitVarInsn(ALOAD, M);
    loadEnv();
    mv.visitMethodInsn(INVOKEVIRTUAL, owner, "testHere", "(" + MACHINE + ENV + ")I", false);
    int t = locals++;
    mv.visitVarInsn(ISTORE, t);
    mv.visitVarInsn(ILOAD, t);
    mv.visitJumpInsn(IFLT, general);
    mv.visitVarInsn(ILOAD, t);
    mv.visitJumpInsn(IFEQ, otherwise);
    mv.visitLabel(then);
    expr(n.then(), tail);
    mv.visitJumpInsn(GOTO, end);
    mv.visitLabel(otherwise);
    expr(n.otherwise(), tail);
    mv.visitJumpInsn(GOTO, end);
    mv.visitLabel(general);
    frameMayBeKept();
    mv.visitVarInsn(ALOAD, M);
    constant(n.general(), PKG + "Node");
    loadEnv();
    push(tail ? 1 : 0);
    direct("runTree", "(" + MACHINE + "L" + PKG + "Node;" + ENV + "Z)Ljava/lang/Object;");
    mv.visitLabel(end);
  }

  /** Whether {@code f}'s operands can be read in place (locals and constants). */
  static boolean inPlace(FixnumCall f) {
    return inPlace(f.left()) && inPlace(f.right());
  }

  static boolean inPlace(Operand o) {
    return o.constant() != null || o.node() instanceof LocalRef && o.depth() >= 0;
  }

  /**
   * {@link FixnumCall}'s work in place: the two {@code long}s on the stack; a jump to {@code slow}
   * when an operand is unbound or not a fixnum, or the global no longer holds the primitive.
   */
  private void fixnums(FixnumCall f, Label slow) {
    int x = locals++;
    int y = locals++;
    if (!unboxed(f.left())) {
      operand(f.left(), x, slow);
    }
    if (!unboxed(f.right())) {
      operand(f.right(), y, slow);
    }
    fixnumCheck(f.left(), x, slow);
    fixnumCheck(f.right(), y, slow);
    constant(f.cell(), PKG + "Global");
    mv.visitMethodInsn(INVOKEVIRTUAL, PKG + "Global", "raw", "()Ljava/lang/Object;", false);
    constant(f.prim(), PKG + "Primitive");
    mv.visitJumpInsn(IF_ACMPNE, slow);
    loadLong(f.left(), x);
    loadLong(f.right(), y);
  }

  private void unbox(int local) {
    mv.visitVarInsn(ALOAD, local);
    mv.visitTypeInsn(CHECKCAST, "java/lang/Long");
    mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Long", "longValue", "()J", false);
  }

  /** An operand's value into {@code local}; a jump to {@code slow} if it is an unbound local. */
  private void operand(Operand o, int local, Label slow) {
    if (o.constant() != null) {
      constant(o.constant(), OBJECT);
      mv.visitVarInsn(ASTORE, local);
      return;
    }
    frameSlot(o.depth(), o.index());
    mv.visitInsn(DUP);
    mv.visitVarInsn(ASTORE, local);
    mv.visitJumpInsn(IFNULL, slow);
  }

  /** Loads slot {@code index} of the frame {@code depth} frames out. */
  private void frameSlot(int depth, int index) {
    if (inLocals) {
      if (depth == 0) {
        boxParam(index);
        mv.visitVarInsn(ALOAD, argSlot(index));
        return;
      }
      mv.visitVarInsn(ALOAD, PARENT_SLOT);
      depth--;
    } else {
      mv.visitVarInsn(ALOAD, ENV_SLOT);
    }
    for (int d = 0; d < depth; d++) {
      mv.visitInsn(ICONST_0);
      mv.visitInsn(AALOAD);
      mv.visitTypeInsn(CHECKCAST, ENV);
    }
    push(index);
    mv.visitInsn(AALOAD);
  }

  /** After an {@code LCMP}: a jump to {@code target} unless comparison {@code op} holds. */
  private void jumpUnless(int op, Label target) {
    int opcode =
        switch (op) {
          case Fixnum2.LESS -> IFGE;
          case Fixnum2.GREATER -> IFLE;
          case Fixnum2.LESS_EQ -> IFGT;
          case Fixnum2.GREATER_EQ -> IFLT;
          default -> IFNE;
        };
    mv.visitJumpInsn(opcode, target);
  }

  /**
   * A local variable read in place; if it is unbound (used before its definition) its node raises.
   */
  private void localRef(LocalRef r) {
    Label done = new Label();
    frameSlot(r.depth(), r.index());
    mv.visitInsn(DUP);
    mv.visitJumpInsn(IFNONNULL, done);
    mv.visitInsn(POP);
    nodeCall(r, "eval");
    mv.visitLabel(done);
  }

  /**
   * {@link FixnumCall#eval} in place: the sum, difference, product or comparison of two fixnums;
   * anything else (an overflow included) by the node's own {@code eval}.
   */
  private void fixnumCall(FixnumCall f) {
    Label slow = new Label();
    Label done = new Label();
    fixnums(f, slow);
    int op = f.op();
    if (op == Fixnum2.ADD || op == Fixnum2.SUB) {
      addOrSub(op, slow);
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
      mv.visitJumpInsn(GOTO, done);
    } else if (op == Fixnum2.MUL) {
      mv.visitMethodInsn(INVOKESTATIC, PKG + "Fixnum2", "mul", "(JJ)Ljava/lang/Object;", false);
      mv.visitInsn(DUP);
      mv.visitJumpInsn(IFNONNULL, done);
      mv.visitInsn(POP);
      mv.visitJumpInsn(GOTO, slow);
    } else {
      Label no = new Label();
      mv.visitInsn(LCMP);
      jumpUnless(op, no);
      mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
      mv.visitJumpInsn(GOTO, done);
      mv.visitLabel(no);
      mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
      mv.visitJumpInsn(GOTO, done);
    }
    mv.visitLabel(slow);
    nodeCall(f, "eval");
    mv.visitLabel(done);
  }

  /**
   * The sum or difference of the two {@code long}s on the stack, left there; a jump to {@code slow}
   * if it overflows.
   */
  private void addOrSub(int op, Label slow) {
    int j = locals;
    int i = locals + 2;
    int r = locals + 4;
    locals += 6;
    mv.visitVarInsn(LSTORE, j);
    mv.visitVarInsn(LSTORE, i);
    mv.visitVarInsn(LLOAD, i);
    mv.visitVarInsn(LLOAD, j);
    mv.visitInsn(op == Fixnum2.ADD ? LADD : LSUB);
    mv.visitVarInsn(LSTORE, r);
    // overflow: the sum's sign differs from both operands', the difference's from i's and not j's
    if (op == Fixnum2.ADD) {
      mv.visitVarInsn(LLOAD, i);
      mv.visitVarInsn(LLOAD, r);
      mv.visitInsn(LXOR);
      mv.visitVarInsn(LLOAD, j);
      mv.visitVarInsn(LLOAD, r);
      mv.visitInsn(LXOR);
    } else {
      mv.visitVarInsn(LLOAD, i);
      mv.visitVarInsn(LLOAD, j);
      mv.visitInsn(LXOR);
      mv.visitVarInsn(LLOAD, i);
      mv.visitVarInsn(LLOAD, r);
      mv.visitInsn(LXOR);
    }
    mv.visitInsn(LAND);
    mv.visitInsn(LCONST_0);
    mv.visitInsn(LCMP);
    mv.visitJumpInsn(IFLT, slow);
    mv.visitVarInsn(LLOAD, r);
  }

  /**
   * {@link FixnumCall} {@code f} (an in-place {@code +} or {@code -}) computed into a {@code long}:
   * into local {@code longTarget} with null in {@code objTarget}, or, when it is not the plain case
   * (an overflow included), its value by the node's own {@code eval} into {@code objTarget}.
   */
  private void fixnumToLong(FixnumCall f, int longTarget, int objTarget) {
    Label slow = new Label();
    Label done = new Label();
    fixnums(f, slow);
    addOrSub(f.op(), slow);
    mv.visitVarInsn(LSTORE, longTarget);
    mv.visitInsn(ACONST_NULL);
    mv.visitVarInsn(ASTORE, objTarget);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(slow);
    nodeCall(f, "eval");
    mv.visitVarInsn(ASTORE, objTarget);
    mv.visitLabel(done);
  }

  private void sequence(Sequence n, boolean tail) {
    Node[] body = n.body();
    int last = body.length - 1;
    for (int i = 0; i < last; i++) {
      Label tryStart = new Label();
      Label tryEnd = new Label();
      Label handler = new Label();
      Label next = new Label();
      mv.visitLabel(tryStart);
      expr(body[i], false);
      mv.visitLabel(tryEnd);
      mv.visitInsn(POP);
      mv.visitJumpInsn(GOTO, next);
      handler(tryStart, tryEnd, handler, n, PKG + "Sequence");
      push(i);
      mv.visitMethodInsn(
          INVOKEVIRTUAL,
          PKG + "Sequence",
          "suspended",
          "(L" + RE + ";" + ENV + "I)L" + SUSPEND + ";",
          false);
      mv.visitInsn(ATHROW);
      mv.visitLabel(next);
    }
    expr(body[last], tail);
  }

  private void assign(Assign n) {
    guarded(n.value(), n, "valueSuspended", "(L" + RE + ";" + ENV + ")L" + SUSPEND + ";");
    int v = locals++;
    mv.visitVarInsn(ASTORE, v);
    constant(n, PKG + "Assign");
    mv.visitVarInsn(ALOAD, M);
    loadEnv();
    mv.visitVarInsn(ALOAD, v);
    mv.visitMethodInsn(
        INVOKEVIRTUAL,
        PKG + "Assign",
        "storeHere",
        "(" + MACHINE + ENV + "Ljava/lang/Object;)Ljava/lang/Object;",
        false);
  }

  private void primCall2(PrimCall n) {
    Node[] args = n.args();
    String p = PKG + "PrimCall";
    guarded(args[0], n, "leftSuspended", "(L" + RE + ";" + ENV + ")L" + SUSPEND + ";");
    int a = locals++;
    mv.visitVarInsn(ASTORE, a);
    Label tryStart = new Label();
    Label tryEnd = new Label();
    Label handler = new Label();
    Label next = new Label();
    mv.visitLabel(tryStart);
    expr(args[1], false);
    mv.visitLabel(tryEnd);
    mv.visitJumpInsn(GOTO, next);
    handler(tryStart, tryEnd, handler, n, p);
    mv.visitVarInsn(ALOAD, a);
    mv.visitMethodInsn(
        INVOKEVIRTUAL,
        p,
        "rightSuspended",
        "(L" + RE + ";" + ENV + "Ljava/lang/Object;)L" + SUSPEND + ";",
        false);
    mv.visitInsn(ATHROW);
    mv.visitLabel(next);
    int b = locals++;
    mv.visitVarInsn(ASTORE, b);
    Label done = new Label();
    int op = n.prim() != null ? n.prim().fixnum2() : Fixnum2.NONE;
    if (op == Fixnum2.ADD || op == Fixnum2.SUB) {
      // the sum or difference of two fixnums in place, as finish2's plain case computes it
      Label slow = new Label();
      mv.visitVarInsn(ALOAD, a);
      mv.visitTypeInsn(INSTANCEOF, "java/lang/Long");
      mv.visitJumpInsn(IFEQ, slow);
      mv.visitVarInsn(ALOAD, b);
      mv.visitTypeInsn(INSTANCEOF, "java/lang/Long");
      mv.visitJumpInsn(IFEQ, slow);
      constant(n.cell(), PKG + "Global");
      mv.visitMethodInsn(INVOKEVIRTUAL, PKG + "Global", "raw", "()Ljava/lang/Object;", false);
      constant(n.prim(), PKG + "Primitive");
      mv.visitJumpInsn(IF_ACMPNE, slow);
      unbox(a);
      unbox(b);
      addOrSub(op, slow);
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
      mv.visitJumpInsn(GOTO, done);
      mv.visitLabel(slow);
    }
    constant(n, p);
    mv.visitVarInsn(ALOAD, M);
    mv.visitVarInsn(ALOAD, a);
    mv.visitVarInsn(ALOAD, b);
    mv.visitMethodInsn(
        INVOKEVIRTUAL,
        p,
        "finish2",
        "(" + MACHINE + "Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
        false);
    mv.visitLabel(done);
  }

  /**
   * Emits {@code child}'s value inside a try block whose handler throws what {@code owner.method(e,
   * env)} returns.
   */
  private void guarded(Node child, Node owner, String method, String descriptor) {
    Label tryStart = new Label();
    Label tryEnd = new Label();
    Label handler = new Label();
    Label next = new Label();
    mv.visitLabel(tryStart);
    expr(child, false);
    mv.visitLabel(tryEnd);
    mv.visitJumpInsn(GOTO, next);
    String type = ownerOf(owner, method);
    handler(tryStart, tryEnd, handler, owner, type);
    mv.visitMethodInsn(INVOKEVIRTUAL, type, method, descriptor, false);
    mv.visitInsn(ATHROW);
    mv.visitLabel(next);
  }

  private static String ownerOf(Node n, String method) {
    if (n instanceof If) {
      return PKG + "If";
    }
    if (n instanceof Assign) {
      return PKG + "Assign";
    }
    return PKG + "PrimCall";
  }

  /**
   * A call, as {@link Call}'s direct style: the operator and operands inside a try block (the index
   * being computed, the operator and the values so far in locals, for {@link Call#suspended}), then
   * the call; a call of this very lambda is a static call of its {@code invoke0}, or in tail
   * position a jump to the start.
   */
  private void call(Call n, boolean tail) {
    if (tail && (lambda.frameReusable || capturedSlot >= 0) && !lambda.rest || inLocals) {
      tailCallInPlace(n, tail);
      return;
    }
    Node[] args = n.args();
    int count = args.length;
    int f = locals++;
    int frame = locals++;
    int values = locals++;
    int at = locals++;
    int array = locals++;
    int offset = locals++;
    mv.visitInsn(ACONST_NULL);
    mv.visitVarInsn(ASTORE, f);
    mv.visitInsn(ACONST_NULL);
    mv.visitVarInsn(ASTORE, frame);
    mv.visitInsn(ACONST_NULL);
    mv.visitVarInsn(ASTORE, values);
    mv.visitInsn(ICONST_0);
    mv.visitVarInsn(ISTORE, at);

    Label tryStart = new Label();
    Label tryEnd = new Label();
    Label handler = new Label();
    Label generic = new Label();
    Label operands = new Label();
    Label after = new Label();
    mv.visitLabel(tryStart);
    if (n.fnCell() != null) {
      constant(n.fnCell(), PKG + "Global");
      mv.visitMethodInsn(INVOKEVIRTUAL, PKG + "Global", "get", "()Ljava/lang/Object;", false);
    } else {
      expr(n.fn(), false);
    }
    mv.visitVarInsn(ASTORE, f);
    mv.visitVarInsn(ALOAD, f);
    mv.visitTypeInsn(INSTANCEOF, CLOSURE);
    mv.visitJumpInsn(IFEQ, generic);
    mv.visitVarInsn(ALOAD, f);
    mv.visitTypeInsn(CHECKCAST, CLOSURE);
    push(count);
    mv.visitMethodInsn(INVOKEVIRTUAL, CLOSURE, "takesExactly", "(I)Z", false);
    mv.visitJumpInsn(IFEQ, generic);
    mv.visitVarInsn(ALOAD, f);
    mv.visitTypeInsn(CHECKCAST, CLOSURE);
    mv.visitMethodInsn(INVOKEVIRTUAL, CLOSURE, "newFrame", "()" + ENV, false);
    mv.visitInsn(DUP);
    mv.visitVarInsn(ASTORE, frame);
    mv.visitVarInsn(ASTORE, array);
    mv.visitInsn(ICONST_1);
    mv.visitVarInsn(ISTORE, offset);
    mv.visitJumpInsn(GOTO, operands);
    mv.visitLabel(generic);
    push(count);
    mv.visitTypeInsn(ANEWARRAY, OBJECT);
    mv.visitInsn(DUP);
    mv.visitVarInsn(ASTORE, values);
    mv.visitVarInsn(ASTORE, array);
    mv.visitInsn(ICONST_0);
    mv.visitVarInsn(ISTORE, offset);
    // the operands once, into the callee's frame (from slot 1) or into the argument array
    mv.visitLabel(operands);
    for (int i = 0; i < count; i++) {
      push(i + 1);
      mv.visitVarInsn(ISTORE, at);
      mv.visitVarInsn(ALOAD, array);
      mv.visitVarInsn(ILOAD, offset);
      push(i);
      mv.visitInsn(IADD);
      expr(args[i], false);
      mv.visitInsn(AASTORE);
    }
    mv.visitLabel(tryEnd);
    mv.visitJumpInsn(GOTO, after);
    handler(tryStart, tryEnd, handler, n, PKG + "Call");
    mv.visitVarInsn(ILOAD, at);
    mv.visitVarInsn(ALOAD, f);
    mv.visitVarInsn(ALOAD, frame);
    mv.visitVarInsn(ALOAD, values);
    throwCallSuspended();

    mv.visitLabel(after);
    Label applied = new Label();
    Label notClosureCall = new Label();
    Label other = new Label();
    mv.visitVarInsn(ALOAD, frame);
    mv.visitJumpInsn(IFNULL, notClosureCall);
    jumpUnlessSelf(f, other);
    if (tail) {
      selfTailCheck(frame);
      mv.visitVarInsn(ALOAD, frame);
      mv.visitVarInsn(ASTORE, ENV_SLOT);
      mv.visitJumpInsn(GOTO, start);
    } else {
      mv.visitVarInsn(ALOAD, M);
      mv.visitVarInsn(ALOAD, frame);
      mv.visitMethodInsn(INVOKESTATIC, SELF, "invoke0", RUN, false);
      mv.visitJumpInsn(GOTO, applied);
    }
    mv.visitLabel(other);
    callClosure(f, frame, tail);
    mv.visitJumpInsn(GOTO, applied);
    mv.visitLabel(notClosureCall);
    mv.visitVarInsn(ALOAD, M);
    mv.visitVarInsn(ALOAD, f);
    mv.visitVarInsn(ALOAD, values);
    directCall(n, tail);
    mv.visitLabel(applied);
  }

  /**
   * A tail call from the body of a lambda whose frame no closure holds ({@link
   * Lambda#frameReusable}): the operator and operands into JVM locals (a suspension makes the
   * {@link Call#suspended} frame from them), then, if the callee is this lambda, its frame filled
   * with them again (the parent frame the callee's, the other slots cleared, as a new frame has
   * them) and a jump to the start; else the call as {@link #call} makes it. The frame is not held
   * by anything else: a suspension (the only way its values get onto the heap) unwinds this run of
   * the body for good, and each call of the lambda from elsewhere makes a new frame.
   */
  private void tailCallInPlace(Call n, boolean tail) {
    Node[] args = n.args();
    int count = args.length;
    int f = locals++;
    int at = locals++;
    int[] v = new int[count];
    // an operand computed as a long (for a parameter kept unboxed): its local, else 0
    int[] vl = new int[count];
    mv.visitInsn(ACONST_NULL);
    mv.visitVarInsn(ASTORE, f);
    mv.visitInsn(ICONST_0);
    mv.visitVarInsn(ISTORE, at);
    for (int i = 0; i < count; i++) {
      v[i] = locals++;
      mv.visitInsn(ACONST_NULL);
      mv.visitVarInsn(ASTORE, v[i]);
      if (tail
          && longSlot != null
          && count == lambda.required
          && longSlot[i + 1] != 0
          && BodyShape.isAddOrSub(args[i])) {
        vl[i] = locals;
        locals += 2;
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, vl[i]);
      }
    }
    Label tryStart = new Label();
    Label tryEnd = new Label();
    Label handler = new Label();
    Label after = new Label();
    mv.visitLabel(tryStart);
    if (n.fnCell() != null) {
      constant(n.fnCell(), PKG + "Global");
      mv.visitMethodInsn(INVOKEVIRTUAL, PKG + "Global", "get", "()Ljava/lang/Object;", false);
    } else {
      expr(n.fn(), false);
    }
    mv.visitVarInsn(ASTORE, f);
    for (int i = 0; i < count; i++) {
      push(i + 1);
      mv.visitVarInsn(ISTORE, at);
      if (vl[i] != 0) {
        int saved = locals;
        fixnumToLong((FixnumCall) args[i], vl[i], v[i]);
        locals = saved;
      } else {
        expr(args[i], false);
        mv.visitVarInsn(ASTORE, v[i]);
      }
    }
    mv.visitLabel(tryEnd);
    mv.visitJumpInsn(GOTO, after);
    handler(tryStart, tryEnd, handler, n, PKG + "Call");
    mv.visitVarInsn(ILOAD, at);
    mv.visitVarInsn(ALOAD, f);
    mv.visitInsn(ACONST_NULL);
    valuesArray(v, vl);
    throwCallSuspended();

    mv.visitLabel(after);
    Label generic = new Label();
    Label other = new Label();
    mv.visitVarInsn(ALOAD, f);
    mv.visitTypeInsn(INSTANCEOF, CLOSURE);
    mv.visitJumpInsn(IFEQ, generic);
    mv.visitVarInsn(ALOAD, f);
    mv.visitTypeInsn(CHECKCAST, CLOSURE);
    push(count);
    mv.visitMethodInsn(INVOKEVIRTUAL, CLOSURE, "takesExactly", "(I)Z", false);
    mv.visitJumpInsn(IFEQ, generic);
    jumpUnlessSelf(f, other);
    Label done = new Label();
    if (inLocals && count != lambda.required) {
      mv.visitJumpInsn(GOTO, other); // not reached: this lambda takes another number
    } else if (inLocals) {
      selfCallArgs(f, v, vl, tail, done);
    } else if (capturedSlot >= 0) {
      // a frame that something may keep is left to it: a new one, as the call would make
      Label inPlace = new Label();
      mv.visitVarInsn(ILOAD, capturedSlot);
      mv.visitJumpInsn(IFEQ, inPlace);
      newFrameInto(f, ENV_SLOT);
      for (int i = 0; i < count; i++) {
        mv.visitVarInsn(ALOAD, ENV_SLOT);
        push(i + 1);
        mv.visitVarInsn(ALOAD, v[i]);
        mv.visitInsn(AASTORE);
      }
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(ISTORE, capturedSlot);
      selfTailCheck(ENV_SLOT);
      mv.visitJumpInsn(GOTO, start);
      mv.visitLabel(inPlace);
      refillAndJump(f, v);
    } else {
      refillAndJump(f, v);
    }
    // another lambda taking exactly these operands: a new frame, as in call
    mv.visitLabel(other);
    int frame = locals++;
    newFrameInto(f, frame);
    for (int i = 0; i < count; i++) {
      mv.visitVarInsn(ALOAD, frame);
      push(i + 1);
      loadValue(v, vl, i);
      mv.visitInsn(AASTORE);
    }
    callClosure(f, frame, tail);
    mv.visitJumpInsn(GOTO, done);
    // anything else: Direct.call with the values
    mv.visitLabel(generic);
    mv.visitVarInsn(ALOAD, M);
    mv.visitVarInsn(ALOAD, f);
    valuesArray(v, vl);
    directCall(n, tail);
    mv.visitLabel(done);
  }

  /**
   * In {@link #inLocals} mode, a call of this lambda (the closure in local {@code f}, the operands
   * in locals {@code v}): a static call of {@code invokeA} on the closure's frame and the values,
   * its value on the stack at {@code done}; in tail position the parameters set to them (the checks
   * of a turn of the tail loop made, the frame made from them if those say to go on as the machine)
   * and a jump to the start.
   */
  private void selfCallArgs(int f, int[] v, int[] vl, boolean tail, Label done) {
    if (tail) {
      mv.visitVarInsn(ALOAD, f);
      mv.visitTypeInsn(CHECKCAST, CLOSURE);
      mv.visitFieldInsn(GETFIELD, CLOSURE, "env", ENV);
      mv.visitVarInsn(ASTORE, PARENT_SLOT);
      for (int i = 0; i < v.length; i++) {
        if (vl[i] != 0) {
          mv.visitVarInsn(LLOAD, vl[i]);
          mv.visitVarInsn(LSTORE, longSlot[i + 1]);
        }
        mv.visitVarInsn(ALOAD, v[i]);
        mv.visitVarInsn(ASTORE, argSlot(i + 1));
      }
      Label go = new Label();
      mv.visitVarInsn(ALOAD, M);
      constant(lambda, LAMBDA);
      direct("trySelfTail", "(" + MACHINE + "L" + LAMBDA + ";)Z");
      mv.visitJumpInsn(IFNE, go);
      throwSuspendNode();
      mv.visitLabel(go);
      mv.visitJumpInsn(GOTO, start);
      return;
    }
    mv.visitVarInsn(ALOAD, M);
    mv.visitVarInsn(ALOAD, f);
    mv.visitTypeInsn(CHECKCAST, CLOSURE);
    mv.visitFieldInsn(GETFIELD, CLOSURE, "env", ENV);
    for (int i = 0; i < v.length; i++) {
      loadValue(v, vl, i);
    }
    mv.visitMethodInsn(INVOKESTATIC, SELF, "invokeA", argsDescriptor(), false);
    mv.visitJumpInsn(GOTO, done);
  }

  /**
   * This lambda again, its frame refilled in place from the locals {@code v}, and a jump to the
   * start.
   */
  private void refillAndJump(int f, int[] v) {
    int count = v.length;
    // this lambda again: its frame refilled in place
    loadEnv();
    mv.visitInsn(ICONST_0);
    mv.visitVarInsn(ALOAD, f);
    mv.visitTypeInsn(CHECKCAST, CLOSURE);
    mv.visitFieldInsn(GETFIELD, CLOSURE, "env", ENV);
    mv.visitInsn(AASTORE);
    for (int i = 0; i < count; i++) {
      loadEnv();
      push(i + 1);
      mv.visitVarInsn(ALOAD, v[i]);
      mv.visitInsn(AASTORE);
    }
    int size = lambda.frameSize;
    if (size - count > 8) {
      loadEnv();
      push(count + 1);
      push(size + 1);
      mv.visitInsn(ACONST_NULL);
      mv.visitMethodInsn(
          INVOKESTATIC,
          "java/util/Arrays",
          "fill",
          "([Ljava/lang/Object;IILjava/lang/Object;)V",
          false);
    } else {
      for (int s = count + 1; s <= size; s++) {
        loadEnv();
        push(s);
        mv.visitInsn(ACONST_NULL);
        mv.visitInsn(AASTORE);
      }
    }
    mv.visitVarInsn(ALOAD, M);
    constant(lambda, LAMBDA);
    loadEnv();
    direct("selfTail", "(" + MACHINE + "L" + LAMBDA + ";" + ENV + ")V");
    mv.visitJumpInsn(GOTO, start);
  }

  /**
   * Throws what {@link Call#suspended} makes of the exception, the operand index, the operator, the
   * callee's frame and the values on the stack (under the call node and the environment).
   */
  private void throwCallSuspended() {
    mv.visitMethodInsn(
        INVOKEVIRTUAL,
        PKG + "Call",
        "suspended",
        "(L" + RE + ";" + ENV + "ILjava/lang/Object;" + ENV + ENV + ")L" + SUSPEND + ";",
        false);
    mv.visitInsn(ATHROW);
  }

  /**
   * {@link Direct#call} of the machine, operator and values on the stack, at {@code n}'s position.
   */
  private void directCall(Call n, boolean tail) {
    if (n.pos() != null) {
      constant(n.pos(), "org/omnilisp/lang/SourcePos");
    } else {
      mv.visitInsn(ACONST_NULL);
    }
    push(tail ? 1 : 0);
    direct(
        "call",
        "("
            + MACHINE
            + "Ljava/lang/Object;"
            + ENV
            + "Lorg/omnilisp/lang/SourcePos;Z)Ljava/lang/Object;");
  }

  /** Jumps to {@code other} unless the closure in local {@code f} is one of this lambda. */
  private void jumpUnlessSelf(int f, Label other) {
    mv.visitVarInsn(ALOAD, f);
    mv.visitTypeInsn(CHECKCAST, CLOSURE);
    mv.visitFieldInsn(GETFIELD, CLOSURE, "lambda", "L" + LAMBDA + ";");
    constant(lambda, LAMBDA);
    mv.visitJumpInsn(IF_ACMPNE, other);
  }

  /** A new frame for the closure in local {@code f}, stored in local {@code slot}. */
  private void newFrameInto(int f, int slot) {
    mv.visitVarInsn(ALOAD, f);
    mv.visitTypeInsn(CHECKCAST, CLOSURE);
    mv.visitMethodInsn(INVOKEVIRTUAL, CLOSURE, "newFrame", "()" + ENV, false);
    mv.visitVarInsn(ASTORE, slot);
  }

  /**
   * {@link Direct#selfTail}'s checks for a self tail call into the frame in local {@code frame}.
   */
  private void selfTailCheck(int frame) {
    mv.visitVarInsn(ALOAD, M);
    constant(lambda, LAMBDA);
    mv.visitVarInsn(ALOAD, frame);
    direct("selfTail", "(" + MACHINE + "L" + LAMBDA + ";" + ENV + ")V");
  }

  /**
   * Calls the closure in local {@code f} with the frame in local {@code frame} ({@link
   * #closureCall}).
   */
  private void callClosure(int f, int frame, boolean tail) {
    mv.visitVarInsn(ALOAD, M);
    mv.visitVarInsn(ALOAD, f);
    mv.visitTypeInsn(CHECKCAST, CLOSURE);
    mv.visitVarInsn(ALOAD, frame);
    closureCall(tail);
  }

  /**
   * {@link Direct#tailCall} or {@link Direct#invoke} of the machine, closure and frame on the
   * stack.
   */
  private void closureCall(boolean tail) {
    direct(
        tail ? "tailCall" : "invoke",
        "(" + MACHINE + "L" + CLOSURE + ";" + ENV + ")Ljava/lang/Object;");
  }

  /**
   * {@link PairAccess#eval} in place: the operand once (as {@link Operand#read} computes it), the
   * pair's field if it is a pair and the global still holds the primitive, else the general call on
   * the value.
   */
  private void pairAccess(PairAccess n) {
    Label slow = new Label();
    Label done = new Label();
    int v = locals++;
    operandValue(n.operand());
    mv.visitVarInsn(ASTORE, v);
    mv.visitVarInsn(ALOAD, v);
    mv.visitTypeInsn(INSTANCEOF, PAIR);
    mv.visitJumpInsn(IFEQ, slow);
    builtinGuard(n, slow);
    mv.visitVarInsn(ALOAD, v);
    mv.visitTypeInsn(CHECKCAST, PAIR);
    mv.visitFieldInsn(GETFIELD, PAIR, n.isCar() ? "car" : "cdr", "Ljava/lang/Object;");
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(slow);
    applyValues(n, v);
    mv.visitLabel(done);
  }

  /** {@link TypeTest#eval} in place, as {@link #pairAccess}. */
  private void typeTest(TypeTest n) {
    Label slow = new Label();
    Label done = new Label();
    int v = locals++;
    operandValue(n.operand());
    mv.visitVarInsn(ASTORE, v);
    builtinGuard(n, slow);
    mv.visitVarInsn(ALOAD, v);
    Label no = new Label();
    switch (n.kind()) {
      case TypeTest.NULL -> {
        mv.visitFieldInsn(GETSTATIC, "org/omnilisp/lang/Nil", "NIL", "Lorg/omnilisp/lang/Nil;");
        mv.visitJumpInsn(IF_ACMPNE, no);
      }
      case TypeTest.PAIR -> {
        mv.visitTypeInsn(INSTANCEOF, PAIR);
        mv.visitJumpInsn(IFEQ, no);
      }
      default -> {
        mv.visitMethodInsn(
            INVOKESTATIC, "org/omnilisp/lang/Equality", "isTrue", "(Ljava/lang/Object;)Z", false);
        mv.visitJumpInsn(IFNE, no);
      }
    }
    mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(no);
    mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(slow);
    applyValues(n, v);
    mv.visitLabel(done);
  }

  /**
   * {@link VectorRef#eval} in place: the operands once, the element read by {@code
   * LispArray.get(long)} if the vector is an array, the index a fixnum and the global still holds
   * the primitive; else (or out of range) the general call on the values.
   */
  private void vectorRef(VectorRef n) {
    Label slow = new Label();
    Label done = new Label();
    int a = locals++;
    int i = indexLocal(n.index());
    operandValue(n.vector());
    mv.visitVarInsn(ASTORE, a);
    indexValue(n.index(), i);
    arrayAndIndex(n, a, n.index(), i, slow);
    mv.visitMethodInsn(INVOKEVIRTUAL, LISP_ARRAY, "get", "(J)Ljava/lang/Object;", false);
    mv.visitInsn(DUP);
    mv.visitJumpInsn(IFNONNULL, done);
    mv.visitInsn(POP);
    mv.visitLabel(slow);
    boxIndex(n.index());
    applyValues(n, a, i);
    mv.visitLabel(done);
  }

  /** {@link VectorSet#eval} in place, as {@link #vectorRef}. */
  private void vectorSet(VectorSet n) {
    Label slow = new Label();
    Label done = new Label();
    int a = locals++;
    int i = indexLocal(n.index());
    int x = locals++;
    operandValue(n.vector());
    mv.visitVarInsn(ASTORE, a);
    indexValue(n.index(), i);
    operandValue(n.value());
    mv.visitVarInsn(ASTORE, x);
    arrayAndIndex(n, a, n.index(), i, slow);
    mv.visitVarInsn(ALOAD, x);
    mv.visitMethodInsn(INVOKEVIRTUAL, LISP_ARRAY, "set", "(JLjava/lang/Object;)Z", false);
    mv.visitJumpInsn(IFEQ, slow);
    mv.visitFieldInsn(
        GETSTATIC, "org/omnilisp/lang/Nothing", "NOTHING", "Lorg/omnilisp/lang/Nothing;");
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(slow);
    boxIndex(n.index());
    applyValues(n, a, i, x);
    mv.visitLabel(done);
  }

  /**
   * The array (local {@code a}) and the index as a {@code long} (local {@code i}) on the stack; a
   * jump to {@code slow} unless they are an array and a fixnum and the global of {@code n} still
   * holds its primitive.
   */
  private void arrayAndIndex(InPlaceCall n, int a, Operand index, int i, Label slow) {
    mv.visitVarInsn(ALOAD, a);
    mv.visitTypeInsn(INSTANCEOF, LISP_ARRAY);
    mv.visitJumpInsn(IFEQ, slow);
    fixnumCheck(index, i, slow);
    builtinGuard(n, slow);
    mv.visitVarInsn(ALOAD, a);
    mv.visitTypeInsn(CHECKCAST, LISP_ARRAY);
    loadLong(index, i);
  }

  /**
   * The local holding a vector access's index: the parameter's own when it is kept unboxed (boxed
   * there only on the slow path, {@link #boxIndex}), else a new one.
   */
  private int indexLocal(Operand index) {
    return unboxed(index) ? argSlot(index.index()) : locals++;
  }

  /** The index's value into local {@code i}; nothing for a parameter kept unboxed. */
  private void indexValue(Operand index, int i) {
    if (!unboxed(index)) {
      operandValue(index);
      mv.visitVarInsn(ASTORE, i);
    }
  }

  /** On a slow path: a parameter kept unboxed as the index boxed into its own local. */
  private void boxIndex(Operand index) {
    if (unboxed(index)) {
      boxParam(index.index());
    }
  }

  static boolean oneOrTwo(Node[] args) {
    return args.length == 1 || args.length == 2;
  }

  /** {@link ConsCall#eval} in place, as {@link #pairAccess}. */
  private void consCall(ConsCall n) {
    Label slow = new Label();
    Label done = new Label();
    int x = locals++;
    int y = locals++;
    operandValue(n.left());
    mv.visitVarInsn(ASTORE, x);
    operandValue(n.right());
    mv.visitVarInsn(ASTORE, y);
    builtinGuard(n, slow);
    mv.visitTypeInsn(NEW, PAIR);
    mv.visitInsn(DUP);
    mv.visitVarInsn(ALOAD, x);
    mv.visitVarInsn(ALOAD, y);
    mv.visitMethodInsn(
        INVOKESPECIAL, PAIR, "<init>", "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(slow);
    applyValues(n, x, y);
    mv.visitLabel(done);
  }

  /**
   * {@link PrimCall#eval} of one or two simple operands: the operands emitted in place (so that
   * {@code car}, {@code +} ... inside are too), then the call on their values; a raise in it
   * located at the call as the tree's {@code eval} does.
   */
  private void simplePrimCall(PrimCall n) {
    Node[] args = n.args();
    Label tryStart = new Label();
    Label tryEnd = new Label();
    Label handler = new Label();
    Label done = new Label();
    mv.visitLabel(tryStart);
    constant(n, PKG + "PrimCall");
    mv.visitVarInsn(ALOAD, M);
    for (Node a : args) {
      expr(a, false);
    }
    String params = "Ljava/lang/Object;".repeat(args.length);
    mv.visitMethodInsn(
        INVOKEVIRTUAL,
        PKG + "PrimCall",
        args.length == 1 ? "call1" : "call2",
        "(" + MACHINE + params + ")Ljava/lang/Object;",
        false);
    mv.visitLabel(tryEnd);
    mv.visitJumpInsn(GOTO, done);
    mv.visitTryCatchBlock(tryStart, tryEnd, handler, LISP_THROW);
    mv.visitLabel(handler);
    mv.visitTypeInsn(CHECKCAST, LISP_THROW);
    if (n.pos() != null) {
      constant(n.pos(), "org/omnilisp/lang/SourcePos");
    } else {
      mv.visitInsn(ACONST_NULL);
    }
    mv.visitMethodInsn(
        INVOKESTATIC,
        PKG + "Call",
        "located",
        "(L" + LISP_THROW + ";Lorg/omnilisp/lang/SourcePos;)L" + LISP_THROW + ";",
        false);
    mv.visitInsn(ATHROW);
    mv.visitLabel(done);
  }

  /** An operand's value as {@link Operand#read} computes it, on the stack. */
  private void operandValue(Operand o) {
    if (o.constant() != null) {
      constant(o.constant(), OBJECT);
    } else if (o.node() instanceof LocalRef r && o.depth() >= 0) {
      localRef(r);
    } else {
      expr(o.node(), false);
    }
  }

  /** A jump to {@code slow} unless the global of {@code n} still holds its primitive. */
  private void builtinGuard(InPlaceCall n, Label slow) {
    constant(n.cell, PKG + "Global");
    mv.visitMethodInsn(INVOKEVIRTUAL, PKG + "Global", "raw", "()Ljava/lang/Object;", false);
    constant(n.prim, PKG + "Primitive");
    mv.visitJumpInsn(IF_ACMPNE, slow);
  }

  /** {@code n.general.applyValues(m, values)}: the primitive's general call, on the stack. */
  private void applyValues(InPlaceCall n, int... values) {
    constant(n.general, PKG + "PrimCall");
    mv.visitVarInsn(ALOAD, M);
    valuesArray(values);
    mv.visitMethodInsn(
        INVOKEVIRTUAL,
        PKG + "PrimCall",
        "applyValues",
        "(" + MACHINE + "[Ljava/lang/Object;)Ljava/lang/Object;",
        false);
  }

  /**
   * Operand {@code i}'s value: local {@code v[i]}, or if that is null and the operand was computed
   * as a {@code long} (local {@code vl[i]}, not 0), that fixnum boxed.
   */
  private void loadValue(int[] v, int[] vl, int i) {
    mv.visitVarInsn(ALOAD, v[i]);
    if (vl[i] != 0) {
      Label boxed = new Label();
      mv.visitInsn(DUP);
      mv.visitJumpInsn(IFNONNULL, boxed);
      mv.visitInsn(POP);
      mv.visitVarInsn(LLOAD, vl[i]);
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
      mv.visitLabel(boxed);
    }
  }

  /** {@link #valuesArray(int[])} of operand values as {@link #loadValue} reads them. */
  private void valuesArray(int[] v, int[] vl) {
    push(v.length);
    mv.visitTypeInsn(ANEWARRAY, OBJECT);
    for (int i = 0; i < v.length; i++) {
      mv.visitInsn(DUP);
      push(i);
      loadValue(v, vl, i);
      mv.visitInsn(AASTORE);
    }
  }

  /** A new {@code Object[]} of the values in the locals {@code v}, on the stack. */
  private void valuesArray(int[] v) {
    push(v.length);
    mv.visitTypeInsn(ANEWARRAY, OBJECT);
    for (int i = 0; i < v.length; i++) {
      mv.visitInsn(DUP);
      push(i);
      mv.visitVarInsn(ALOAD, v[i]);
      mv.visitInsn(AASTORE);
    }
  }

  /**
   * The handler of a try block that catches what the tree's node {@code owner} catches there (a
   * {@link Suspend} or a raise): its start, with the node (as {@code type}), the exception and the
   * frame on the stack for the node's method that makes what to throw.
   */
  private void handler(Label tryStart, Label tryEnd, Label handler, Node owner, String type) {
    catches(tryStart, tryEnd, handler);
    mv.visitLabel(handler);
    mv.visitTypeInsn(CHECKCAST, RE);
    int e = locals++;
    mv.visitVarInsn(ASTORE, e);
    constant(owner, type);
    mv.visitVarInsn(ALOAD, e);
    loadEnv();
  }

  /** The handler catches what the tree's nodes catch: a {@link Suspend} or a raise. */
  private void catches(Label tryStart, Label tryEnd, Label handler) {
    mv.visitTryCatchBlock(tryStart, tryEnd, handler, SUSPEND);
    mv.visitTryCatchBlock(tryStart, tryEnd, handler, LISP_THROW);
  }

  private void direct(String method, String descriptor) {
    mv.visitMethodInsn(INVOKESTATIC, PKG + "Direct", method, descriptor, false);
  }

  private void push(int i) {
    push(mv, i);
  }

  private static void push(MethodVisitor v, int i) {
    if (i >= -1 && i <= 5) {
      v.visitInsn(ICONST_0 + i);
    } else {
      v.visitIntInsn(i <= Byte.MAX_VALUE ? BIPUSH : SIPUSH, i);
    }
  }

  /**
   * Loads {@code value} as a constant of the type {@code internalName}: a static final field of the
   * generated class (which the JIT folds), set from the class data by the class initializer.
   */
  private void constant(Object value, String internalName) {
    String descriptor = "L" + internalName + ";";
    Integer index = constants.get(value);
    if (index == null || !types.get(index).equals(descriptor)) {
      index = data.size();
      data.add(value);
      types.add(descriptor);
      constants.put(value, index);
    }
    mv.visitFieldInsn(GETSTATIC, SELF, "c" + index, descriptor);
  }

  /** The fields of the constants, and the class initializer that sets them from the class data. */
  private void constantFields(ClassWriter cw) {
    MethodVisitor v = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
    v.visitCode();
    v.visitLdcInsn(new ConstantDynamic("_", "Ljava/util/List;", CLASS_DATA));
    v.visitVarInsn(ASTORE, 0);
    for (int i = 0; i < data.size(); i++) {
      String descriptor = types.get(i);
      cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, "c" + i, descriptor, null, null)
          .visitEnd();
      v.visitVarInsn(ALOAD, 0);
      push(v, i);
      v.visitMethodInsn(INVOKEINTERFACE, "java/util/List", "get", "(I)Ljava/lang/Object;", true);
      v.visitTypeInsn(CHECKCAST, descriptor.substring(1, descriptor.length() - 1));
      v.visitFieldInsn(PUTSTATIC, SELF, "c" + i, descriptor);
    }
    v.visitInsn(RETURN);
    v.visitMaxs(0, 0);
    v.visitEnd();
  }

  /** The most exact class of {@code n} the generated code may name. */
  private static String owner(Node n) {
    Class<?> k = n.getClass();
    while (Modifier.isPrivate(k.getModifiers())
        || k.isAnonymousClass()
        || k.isHidden()
        || !k.getPackageName().equals(Compiler.class.getPackageName())) {
      k = k.getSuperclass();
    }
    return Type.getInternalName(k);
  }

  /** Frames computed against the machine's own classes. */
  private static final class Writer extends ClassWriter {
    Writer() {
      super(ClassWriter.COMPUTE_FRAMES);
    }

    @Override
    protected ClassLoader getClassLoader() {
      return Compiler.class.getClassLoader();
    }
  }
}
