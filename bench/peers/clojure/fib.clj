;; Clojure peer: naive fib with primitive longs.
(defn fib ^long [^long n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(println (fib (Long/parseLong (first *command-line-args*))))
