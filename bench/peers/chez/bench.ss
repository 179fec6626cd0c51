;;; Chez Scheme peer for bench/run: scheme --script bench.ss NAME ARGS...
;;; Spawn/channel benchmarks run on a tiny one-thread scheduler built on
;;; one-shot continuations (call/1cc): parking captures the fiber's
;;; continuation, hands it to whoever will wake it, and jumps back to the
;;; scheduler loop.

;; FIFO queue: (head . tail) of a mutable list
(define (make-q) (cons '() '()))
(define (q-empty? q) (null? (car q)))
(define (enq! q x)
  (let ([cell (list x)])
    (if (null? (car q)) (set-car! q cell) (set-cdr! (cdr q) cell))
    (set-cdr! q cell)))
(define (deq! q)
  (let ([cell (car q)])
    (set-car! q (cdr cell))
    (car cell)))

(define runq (make-q))
(define sched-k #f)
(define (run-scheduler)
  (let loop ()
    (unless (q-empty? runq)
      (call/1cc (lambda (k) (set! sched-k k) ((deq! runq))))
      (loop))))
(define (park register) (call/1cc (lambda (k) (register k) (sched-k #f))))
(define (wake k v) (enq! runq (lambda () (k v))))

;; fibers with join
(define-record-type fib-rec (fields (mutable done) (mutable result) (mutable waiters)))
(define (spawn thunk)
  (let ([f (make-fib-rec #f #f '())])
    (enq! runq (lambda ()
                 (let ([v (thunk)])
                   (fib-rec-result-set! f v)
                   (fib-rec-done-set! f #t)
                   (for-each (lambda (k) (wake k v)) (fib-rec-waiters f))
                   (sched-k #f))))
    f))
(define (join f)
  (if (fib-rec-done f) (fib-rec-result f)
      (park (lambda (k) (fib-rec-waiters-set! f (cons k (fib-rec-waiters f)))))))
(define (main-fiber thunk)
  (let ([f (spawn thunk)]) (run-scheduler) (fib-rec-result f)))

;; channels: capacity 0 = rendezvous
(define-record-type chan (fields cap buf (mutable count) senders receivers))
(define (new-chan cap) (make-chan cap (make-q) 0 (make-q) (make-q)))
(define (send ch v)
  (cond [(not (q-empty? (chan-receivers ch))) (wake (deq! (chan-receivers ch)) v)]
        [(< (chan-count ch) (chan-cap ch))
         (enq! (chan-buf ch) v) (chan-count-set! ch (+ 1 (chan-count ch)))]
        [else (park (lambda (k) (enq! (chan-senders ch) (cons k v))))]))
(define (recv ch)
  (cond [(> (chan-count ch) 0)
         (let ([v (deq! (chan-buf ch))])
           (if (q-empty? (chan-senders ch))
               (chan-count-set! ch (- (chan-count ch) 1))
               (let ([s (deq! (chan-senders ch))])
                 (enq! (chan-buf ch) (cdr s)) (wake (car s) #t)))
           v)]
        [(not (q-empty? (chan-senders ch)))
         (let ([s (deq! (chan-senders ch))]) (wake (car s) #t) (cdr s))]
        [else (park (lambda (k) (enq! (chan-receivers ch) k)))]))

;; the benchmarks
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (tail-loop n) (let loop ([i 0] [s 0]) (if (= i n) s (loop (+ i 1) (+ s i)))))
(define (generator n)
  ;; a generator as a coroutine over one-shot continuations, consumed by a resume loop
  (define return #f)
  (define (yield v) (call/1cc (lambda (k) (set! next k) (return v))))
  (define next (lambda (ignored) (let loop ([i 0]) (when (< i n) (yield i) (loop (+ i 1)))) (return 'done)))
  (let loop ([s 0])
    (let ([r (call/1cc (lambda (k) (set! return k) (next #f)))])
      (if (eq? r 'done) s (loop (+ s r))))))
(define (spawn-join n)
  (main-fiber
   (lambda ()
     (let ([fs (let loop ([i 0] [acc '()]) (if (= i n) acc (loop (+ i 1) (cons (let ([i i]) (spawn (lambda () i))) acc))))])
       (let loop ([fs fs] [s 0]) (if (null? fs) s (loop (cdr fs) (+ s (join (car fs))))))))))
(define (skynet num size)
  (if (= size 1) num
      (let* ([child (quotient size 10)]
             [kids (map (lambda (i) (spawn (lambda () (skynet (+ num (* i child)) child)))) (iota 10))])
        (apply + (map join kids)))))
(define (ping-pong n)
  (main-fiber
   (lambda ()
     (let ([ping (new-chan 0)] [pong (new-chan 0)])
       (spawn (lambda () (let loop ([i 0]) (when (< i n) (send pong (recv ping)) (loop (+ i 1))))))
       (let loop ([i 0]) (if (= i n) i (begin (send ping i) (recv pong) (loop (+ i 1)))))))))
(define (fan-in p per)
  (main-fiber
   (lambda ()
     (let ([ch (new-chan 128)])
       (do ([k 0 (+ k 1)]) ((= k p))
         (spawn (lambda () (let loop ([i 0]) (when (< i per) (send ch i) (loop (+ i 1)))))))
       (let loop ([k 0] [s 0]) (if (= k (* p per)) s (loop (+ k 1) (+ s (recv ch)))))))))

;; ctak and fibc, as in the public r7rs-benchmarks (call/cc at every call)
(define (ctak x y z)
  (call-with-current-continuation (lambda (k) (ctak-aux k x y z))))
(define (ctak-aux k x y z)
  (if (not (< y x))
      (k z)
      (call-with-current-continuation
       (lambda (k)
         (ctak-aux k
                   (call-with-current-continuation (lambda (k) (ctak-aux k (- x 1) y z)))
                   (call-with-current-continuation (lambda (k) (ctak-aux k (- y 1) z x)))
                   (call-with-current-continuation (lambda (k) (ctak-aux k (- z 1) x y))))))))
(define (ctak-repeat n) (let loop ((i n) (last 0)) (if (= i 0) last (loop (- i 1) (ctak 18 12 6)))))
(define (addc x y k) (if (zero? y) (k x) (addc (+ x 1) (- y 1) k)))
(define (fibc x c)
  (if (zero? x)
      (c 0)
      (if (zero? (- x 1))
          (c 1)
          (addc (call-with-current-continuation (lambda (c) (fibc (- x 1) c)))
                (call-with-current-continuation (lambda (c) (fibc (- x 2) c)))
                c))))
(define (fibc-repeat n) (let loop ((i n) (last 0)) (if (= i 0) last (loop (- i 1) (fibc 18 (lambda (v) v))))))

;; tak, ack, nqueens, deriv, string, primes, mbrot: the interpreter rows of issue 15, after the
;; public r7rs-benchmarks descriptions (the OmniLisp scripts in bench/omni are the same programs)
(define (tak x y z) (if (not (< y x)) z (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))
(define (tak-repeat n) (let loop ((i 0) (r 0)) (if (= i n) r (loop (+ i 1) (tak 18 12 6)))))
(define (ack m n) (cond ((= m 0) (+ n 1)) ((= n 0) (ack (- m 1) 1)) (else (ack (- m 1) (ack m (- n 1))))))
(define (ack-repeat n) (let loop ((i 0) (r 0)) (if (= i n) r (loop (+ i 1) (ack 3 9)))))
(define (queens n)
  (define (ok? row dist placed)
    (or (null? placed)
        (and (not (= (car placed) (+ row dist)))
             (not (= (car placed) (- row dist)))
             (ok? row (+ dist 1) (cdr placed)))))
  (define (try candidates rejected placed)
    (if (null? candidates)
        (if (null? rejected) 1 0)
        (+ (if (ok? (car candidates) 1 placed)
               (try (append (cdr candidates) rejected) '() (cons (car candidates) placed))
               0)
           (try (cdr candidates) (cons (car candidates) rejected) placed))))
  (define (one-to k) (let loop ((i k) (l '())) (if (= i 0) l (loop (- i 1) (cons i l)))))
  (try (one-to n) '() '()))
(define (queens-repeat n) (let loop ((i 0) (r 0)) (if (= i n) r (loop (+ i 1) (queens 8)))))
(define (deriv a)
  (cond ((not (pair? a)) (if (eq? a 'x) 1 0))
        ((eq? (car a) '+) (cons '+ (map deriv (cdr a))))
        ((eq? (car a) '-) (cons '- (map deriv (cdr a))))
        ((eq? (car a) '*) (list '* a (cons '+ (map (lambda (b) (list '/ (deriv b) b)) (cdr a)))))
        ((eq? (car a) '/) (list '- (list '/ (deriv (cadr a)) (caddr a))
                                (list '/ (cadr a) (list '* (caddr a) (caddr a) (deriv (caddr a))))))
        (else 'unknown)))
(define (tree-size t) (if (pair? t) (+ 1 (tree-size (car t)) (tree-size (cdr t))) 0))
(define (deriv-repeat n)
  (let loop ((i 0) (r '()))
    (if (= i n) (tree-size r)
        (loop (+ i 1) (deriv '(+ (* 3 x x) (* a x x) (* b x) 5))))))
(define (string-grow s) 
  (let* ((t (string-append "123" s "456" s "789"))
         (half (quotient (string-length t) 2)))
    (string-append (substring t half (string-length t)) (substring t 0 (+ half 1)))))
(define (string-trial limit)
  (let loop ((s "abcdef")) (if (> (string-length s) limit) (string-length s) (loop (string-grow s)))))
(define (string-repeat n) (let loop ((i 0) (r 0)) (if (= i n) r (loop (+ i 1) (string-trial 500000)))))
(define (sieve n)
  (let ((a (make-vector (+ n 1) #t)))
    (let loop ((i 2) (count 0))
      (if (> i n) count
          (if (vector-ref a i)
              (begin (let mark ((j (* i i))) (when (<= j n) (vector-set! a j #f) (mark (+ j i))))
                     (loop (+ i 1) (+ count 1)))
              (loop (+ i 1) count))))))
(define (primes-repeat n) (let loop ((i 0) (r 0)) (if (= i n) r (loop (+ i 1) (sieve 1000000)))))
(define (mbrot-point cr ci limit)
  (let loop ((zr 0.0) (zi 0.0) (i 0))
    (if (= i limit) i
        (let ((zr2 (* zr zr)) (zi2 (* zi zi)))
          (if (> (+ zr2 zi2) 4.0) i
              (loop (+ (- zr2 zi2) cr) (+ (* 2.0 zr zi) ci) (+ i 1)))))))
(define (mbrot n)
  (let ((step (/ 2.5 n)))
    (let rows ((y 0) (sum 0))
      (if (= y n) sum
          (let cols ((x 0) (sum sum))
            (if (= x n) (rows (+ y 1) sum)
                (cols (+ x 1) (+ sum (mbrot-point (+ -2.0 (* x step)) (+ -1.25 (* y step)) 64)))))))))

(define name (car (command-line-arguments)))
(define args (map string->number (cdr (command-line-arguments))))
(display
 (cond
   [(string=? name "startup") (+ 1 2)]
   [(string=? name "fib") (fib (car args))]
   [(string=? name "ctak") (ctak-repeat (car args))]
   [(string=? name "fibc") (fibc-repeat (car args))]
   [(string=? name "tak") (tak-repeat (car args))]
   [(string=? name "ack") (ack-repeat (car args))]
   [(string=? name "nqueens") (queens-repeat (car args))]
   [(string=? name "deriv") (deriv-repeat (car args))]
   [(string=? name "string") (string-repeat (car args))]
   [(string=? name "primes") (primes-repeat (car args))]
   [(string=? name "mbrot") (mbrot (car args))]
   [(string=? name "tailloop") (tail-loop (car args))]
   [(string=? name "generator") (generator (car args))]
   [(string=? name "spawn") (spawn-join (car args))]
   [(string=? name "skynet") (main-fiber (lambda () (skynet 0 (car args))))]
   [(string=? name "pingpong") (ping-pong (car args))]
   [(string=? name "fanin") (fan-in (car args) (cadr args))]))
(newline)
