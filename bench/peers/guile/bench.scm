;;; Guile 3.0 peer for bench/run: guile bench.scm NAME ARGS...
;;; Debian has no guile-fibers package, so spawn/channel benchmarks run on a
;;; tiny one-thread scheduler built on delimited continuations (prompts):
;;; a fiber is a thunk run under a prompt; parking aborts to the prompt and
;;; hands its continuation to whoever will wake it.
(use-modules (ice-9 match) (srfi srfi-9))

;; FIFO queue: (head . tail) of a mutable list
(define (make-q) (cons '() '()))
(define (q-empty? q) (null? (car q)))
(define (enq! q x)
  (let ((cell (list x)))
    (if (null? (car q)) (set-car! q cell) (set-cdr! (cdr q) cell))
    (set-cdr! q cell)))
(define (deq! q)
  (let ((cell (car q)))
    (set-car! q (cdr cell))
    (car cell)))

(define tag (make-prompt-tag 'fiber))
(define runq (make-q))
(define (run-under-prompt thunk)
  (call-with-prompt tag thunk (lambda (k register) (register k))))
(define (wake k v) (enq! runq (lambda () (run-under-prompt (lambda () (k v))))))
(define (park register) (abort-to-prompt tag register))
(define (run-scheduler)
  (let loop () (unless (q-empty? runq) ((deq! runq)) (loop))))

;; fibers with join
(define-record-type fib-rec (mk-fiber done result waiters) fiber?
  (done fiber-done set-fiber-done!) (result fiber-result set-fiber-result!)
  (waiters fiber-waiters set-fiber-waiters!))
(define (spawn thunk)
  (let ((f (mk-fiber #f #f '())))
    (enq! runq (lambda ()
                 (run-under-prompt
                  (lambda ()
                    (let ((v (thunk)))
                      (set-fiber-result! f v)
                      (set-fiber-done! f #t)
                      (for-each (lambda (k) (wake k v)) (fiber-waiters f)))))))
    f))
(define (join f)
  (if (fiber-done f) (fiber-result f)
      (park (lambda (k) (set-fiber-waiters! f (cons k (fiber-waiters f)))))))
(define (main-fiber thunk)
  (let ((f (spawn thunk))) (run-scheduler) (fiber-result f)))

;; channels: capacity 0 = rendezvous
(define-record-type chan-rec (mk-chan cap buf count senders receivers) chan?
  (cap chan-cap) (buf chan-buf) (count chan-count set-chan-count!)
  (senders chan-senders) (receivers chan-receivers))
(define (make-chan cap) (mk-chan cap (make-q) 0 (make-q) (make-q)))
(define (send ch v)
  (cond ((not (q-empty? (chan-receivers ch))) (wake (deq! (chan-receivers ch)) v))
        ((< (chan-count ch) (chan-cap ch))
         (enq! (chan-buf ch) v) (set-chan-count! ch (+ 1 (chan-count ch))))
        (else (park (lambda (k) (enq! (chan-senders ch) (cons k v)))))))
(define (recv ch)
  (cond ((> (chan-count ch) 0)
         (let ((v (deq! (chan-buf ch))))
           (if (q-empty? (chan-senders ch))
               (set-chan-count! ch (- (chan-count ch) 1))
               (match (deq! (chan-senders ch))
                 ((k . sv) (enq! (chan-buf ch) sv) (wake k #t))))
           v))
        ((not (q-empty? (chan-senders ch)))
         (match (deq! (chan-senders ch)) ((k . sv) (wake k #t) sv)))
        (else (park (lambda (k) (enq! (chan-receivers ch) k))))))

;; the benchmarks
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (tail-loop n) (let loop ((i 0) (s 0)) (if (= i n) s (loop (+ i 1) (+ s i)))))
(define (generator n)
  ;; a generator as a prompt-delimited coroutine, consumed by a resume loop
  (define gtag (make-prompt-tag 'gen))
  (define (yield v) (abort-to-prompt gtag v))
  (define next (lambda () (let loop ((i 0)) (when (< i n) (yield i) (loop (+ i 1)))) 'done))
  (let loop ((s 0))
    (let ((r (call-with-prompt gtag next (lambda (k v) (set! next (lambda () (k #f))) v))))
      (if (eq? r 'done) s (loop (+ s r))))))
(define (spawn-join n)
  (main-fiber
   (lambda ()
     (let ((fs (let loop ((i 0) (acc '())) (if (= i n) acc (loop (+ i 1) (cons (let ((i i)) (spawn (lambda () i))) acc))))))
       (let loop ((fs fs) (s 0)) (if (null? fs) s (loop (cdr fs) (+ s (join (car fs))))))))))
(define (skynet num size)
  (if (= size 1) num
      (let* ((child (quotient size 10))
             (kids (map (lambda (i) (spawn (lambda () (skynet (+ num (* i child)) child)))) (iota 10))))
        (apply + (map join kids)))))
(define (ping-pong n)
  (main-fiber
   (lambda ()
     (let ((ping (make-chan 0)) (pong (make-chan 0)))
       (spawn (lambda () (let loop ((i 0)) (when (< i n) (send pong (recv ping)) (loop (+ i 1))))))
       (let loop ((i 0)) (if (= i n) i (begin (send ping i) (recv pong) (loop (+ i 1)))))))))
(define (fan-in p per)
  (main-fiber
   (lambda ()
     (let ((ch (make-chan 128)))
       (do ((k 0 (+ k 1))) ((= k p))
         (spawn (lambda () (let loop ((i 0)) (when (< i per) (send ch i) (loop (+ i 1)))))))
       (let loop ((k 0) (s 0)) (if (= k (* p per)) s (loop (+ k 1) (+ s (recv ch)))))))))

(define args (map string->number (cddr (command-line))))
(display
 (match (cadr (command-line))
   ("startup" (+ 1 2))
   ("fib" (fib (car args)))
   ("tailloop" (tail-loop (car args)))
   ("generator" (generator (car args)))
   ("spawn" (spawn-join (car args)))
   ("skynet" (main-fiber (lambda () (skynet 0 (car args)))))
   ("pingpong" (ping-pong (car args)))
   ("fanin" (fan-in (car args) (cadr args)))))
(newline)
