#lang racket/base
;;; Racket peer for bench/run: racket bench.rkt NAME ARGS...
;;; Spawn/channel benchmarks use Racket's own green threads, synchronous
;;; channels (make-channel) and bounded async channels (racket/async-channel).
(require racket/async-channel racket/generator)

(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (tail-loop n) (let loop ([i 0] [s 0]) (if (= i n) s (loop (+ i 1) (+ s i)))))
(define (gen-sum n)
  (define g (generator () (let loop ([i 0]) (when (< i n) (yield i) (loop (+ i 1)))) 'done))
  (let loop ([s 0]) (let ([r (g)]) (if (eq? r 'done) s (loop (+ s r))))))
;; a "fiber returning a value": a thread that puts its result in a one-slot box, joined by thread-wait
(define (spawn thunk)
  (define b (box #f))
  (cons (thread (lambda () (set-box! b (thunk)))) b))
(define (join f) (thread-wait (car f)) (unbox (cdr f)))
(define (spawn-join n)
  (define fs (for/list ([i (in-range n)]) (spawn (lambda () i))))
  (for/fold ([s 0]) ([f (in-list fs)]) (+ s (join f))))
(define (skynet num size)
  (if (= size 1) num
      (let* ([child (quotient size 10)]
             [kids (for/list ([i (in-range 10)]) (spawn (lambda () (skynet (+ num (* i child)) child))))])
        (for/fold ([s 0]) ([k (in-list kids)]) (+ s (join k))))))
(define (ping-pong n)
  (define ping (make-channel))
  (define pong (make-channel))
  (thread (lambda () (for ([i (in-range n)]) (channel-put pong (channel-get ping)))))
  (for/fold ([c 0]) ([i (in-range n)]) (channel-put ping i) (channel-get pong) (+ c 1)))
(define (fan-in p per)
  (define ch (make-async-channel 128))
  (for ([k (in-range p)]) (thread (lambda () (for ([i (in-range per)]) (async-channel-put ch i)))))
  (for/fold ([s 0]) ([k (in-range (* p per))]) (+ s (async-channel-get ch))))

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

(define argv (current-command-line-arguments))
(define args (for/list ([a (in-vector argv 1)]) (string->number a)))
(displayln
 (case (vector-ref argv 0)
   [("startup") (+ 1 2)]
   [("fib") (fib (car args))]
   [("ctak") (ctak-repeat (car args))]
   [("fibc") (fibc-repeat (car args))]
   [("tak") (tak-repeat (car args))]
   [("ack") (ack-repeat (car args))]
   [("nqueens") (queens-repeat (car args))]
   [("deriv") (deriv-repeat (car args))]
   [("string") (string-repeat (car args))]
   [("primes") (primes-repeat (car args))]
   [("mbrot") (mbrot (car args))]
   [("tailloop") (tail-loop (car args))]
   [("generator") (gen-sum (car args))]
   [("spawn") (spawn-join (car args))]
   [("skynet") (skynet 0 (car args))]
   [("pingpong") (ping-pong (car args))]
   [("fanin") (fan-in (car args) (cadr args))]))
