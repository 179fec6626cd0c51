;; core.async: start n go blocks, each returning its index; take every result, print the sum.
(require '[clojure.core.async :as a])
(let [n (Long/parseLong (first *command-line-args*))
      chans (mapv (fn [i] (a/go i)) (range n))]
  (println (reduce (fn [s c] (+ s (a/<!! c))) 0 chans)))
(shutdown-agents)
