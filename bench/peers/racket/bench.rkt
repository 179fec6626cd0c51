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

(define argv (current-command-line-arguments))
(define args (for/list ([a (in-vector argv 1)]) (string->number a)))
(displayln
 (case (vector-ref argv 0)
   [("startup") (+ 1 2)]
   [("fib") (fib (car args))]
   [("ctak") (ctak-repeat (car args))]
   [("fibc") (fibc-repeat (car args))]
   [("tailloop") (tail-loop (car args))]
   [("generator") (gen-sum (car args))]
   [("spawn") (spawn-join (car args))]
   [("skynet") (skynet 0 (car args))]
   [("pingpong") (ping-pong (car args))]
   [("fanin") (fan-in (car args) (cadr args))]))
