;; core.async fan-in: p producer go blocks each put 0..per-1 into one channel of capacity 128.
(require '[clojure.core.async :as a])
(let [[p per] (map #(Long/parseLong %) *command-line-args*)
      ch (a/chan 128)]
  (dotimes [_ p] (a/go (loop [i 0] (when (< i per) (a/>! ch i) (recur (inc i))))))
  (println (a/<!! (a/go (loop [k 0 s 0] (if (< k (* p per)) (recur (inc k) (+ s (a/<! ch))) s))))))
(shutdown-agents)
