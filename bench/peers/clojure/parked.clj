;; core.async: park n go blocks on one channel, print "parked n", hold 3 s (bench/run measures
;; the live heap meanwhile), close the channel, print the sum of indices.
(require '[clojure.core.async :as a])
(let [n (Long/parseLong (first *command-line-args*))
      gate (a/chan)
      results (mapv (fn [i] (a/go (a/<! gate) i)) (range n))]
  (Thread/sleep 200)
  (println "parked" n)
  (flush)
  (Thread/sleep 3000)
  (a/close! gate)
  (println (reduce (fn [s c] (+ s (a/<!! c))) 0 results)))
(shutdown-agents)
