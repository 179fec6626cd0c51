;; core.async: park n go blocks, print "parked n", hold 3 s (bench/run measures the live heap
;; meanwhile), release them, print the sum of indices. core.async allows at most 1024 pending
;; takes per channel, so each go block parks on its own channel (counted in its cost).
(require '[clojure.core.async :as a])
(let [n (Long/parseLong (first *command-line-args*))
      gates (mapv (fn [_] (a/chan)) (range n))
      results (mapv (fn [i] (a/go (a/<! (gates i)) i)) (range n))]
  (Thread/sleep 200)
  (println "parked" n)
  (flush)
  (Thread/sleep 3000)
  (run! a/close! gates)
  (println (reduce (fn [s c] (+ s (a/<!! c))) 0 results)))
(shutdown-agents)
